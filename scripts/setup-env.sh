#!/bin/sh
# Shared set-up for run-app.sh and run-tests.sh: system packages (when root), then a virtualenv.
# Usage: CCS_SETUP_MODE=test . scripts/setup-env.sh   (app is the default)
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=${CCS_SETUP_MODE:-app}  # (POSIX sh passes no arguments to a sourced file)

# Debian packages Qt needs (see ../shared/MACHINE-NOTES.md), a CJK font for the screen, Xvfb,
# and for the tests poppler (pdftoppm/pdftotext/pdffonts), LibreOffice Calc (opens our xlsx)
# and PostgreSQL (the county receiver's tests run on it too; the suite starts its own server).
APT_APP="python3-venv python3-pip libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfreetype6 \
libfontconfig1 libdbus-1-3 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 \
libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 \
libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 \
fonts-wqy-microhei libpulse0 libasound2"
APT_TEST="xvfb xauth poppler-utils libreoffice-calc-nogui fonts-hanazono postgresql \
chromium chromium-driver xdotool openbox x11-utils imagemagick"

if command -v apt-get >/dev/null 2>&1; then
  want="$APT_APP"
  [ "$MODE" = test ] && want="$want $APT_TEST"
  missing=""
  for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing Debian packages:$missing"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "Not root, so not installing these Debian packages (ask IT or use sudo):$missing" >&2
    fi
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  "$PY" -m venv "$ROOT/.venv"
fi
VENV_PY="$ROOT/.venv/bin/python"
STAMP="$ROOT/.venv/.installed-$MODE"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  "$VENV_PY" -m pip install -q --upgrade pip
  if [ "$MODE" = test ]; then
    "$VENV_PY" -m pip install -q -e "$ROOT[test]"
  else
    "$VENV_PY" -m pip install -q -e "$ROOT"
  fi
  touch "$STAMP"
fi
