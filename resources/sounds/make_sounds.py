"""Generate the check-in desk's short sounds (run once; the WAV files are committed).

ok.wav: two quick rising tones; warn.wav: one middle tone; error.wav: two low buzzes.
16-bit mono 22,050 Hz PCM, which QSoundEffect plays on every platform.
"""
from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050


def tone(freq: float, ms: int, volume: float = 0.5, square: bool = False) -> list[float]:
    n = int(RATE * ms / 1000)
    fade = max(1, int(RATE * 0.008))  # 8 ms fades: no clicks at the edges
    out = []
    for i in range(n):
        s = math.sin(2 * math.pi * freq * i / RATE)
        if square:
            s = 0.6 * (1 if s >= 0 else -1)
        env = min(1.0, i / fade, (n - i) / fade)
        out.append(volume * env * s)
    return out


def silence(ms: int) -> list[float]:
    return [0.0] * int(RATE * ms / 1000)


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))


def main() -> None:
    here = Path(__file__).resolve().parent
    write(here / "ok.wav", tone(880, 90) + silence(30) + tone(1320, 120))
    write(here / "warn.wav", tone(660, 220))
    write(here / "error.wav", tone(220, 160, square=True) + silence(60) +
          tone(220, 160, square=True))


if __name__ == "__main__":
    main()
