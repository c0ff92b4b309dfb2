"""A small HTTP-aware TCP proxy that breaks uploads on purpose, between client and receiver.

Faults are queued and applied to successive PUT requests (health checks and GETs pass):
  "reset"     forward the head and half the body, then reset both connections (mid-body drop)
  "drop"      forward the whole request, let the county store it, then reset before the answer
  "500"       answer 500 without forwarding
  "delay:S"   wait S seconds before forwarding (the client times out; the county still stores)
  "duplicate" forward the request twice, answer with the second response
  None        pass through
"""
from __future__ import annotations

import collections
import socket
import struct
import threading
import time


def _rst(sock: socket.socket) -> None:
    """Close with a TCP reset (SO_LINGER 0), as a dropped link looks to the other end."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


def _read_request(conn: socket.socket) -> tuple[bytes, bytes] | None:
    buf = b""
    while b"\r\n\r\n" not in buf:
        data = conn.recv(65536)
        if not data:
            return None
        buf += data
    head, _, body = buf.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        data = conn.recv(65536)
        if not data:
            return None
        body += data
    return head, body


def _close_head(head: bytes) -> bytes:
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join(lines + [b"Connection: close"]) + b"\r\n\r\n"


class FaultProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream = upstream_port
        self.faults: collections.deque = collections.deque()
        self.applied: list = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def queue(self, *faults) -> None:
        self.faults.extend(faults)

    def close(self) -> None:
        self._stop = True
        self.sock.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            req = _read_request(conn)
            if req is None:
                conn.close()
                return
            head, body = req
            fault = None
            if head.startswith(b"PUT") and self.faults:
                fault = self.faults.popleft()
                self.applied.append(fault)
            self._apply(conn, fault, _close_head(head), body)
        except OSError:
            _rst(conn)

    def _apply(self, conn, fault, head, body) -> None:
        if fault == "500":
            conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n"
                         b"Connection: close\r\n\r\noops")
            conn.close()
        elif fault == "reset":
            up = socket.create_connection(("127.0.0.1", self.upstream))
            up.sendall(head + body[: len(body) // 2])
            time.sleep(0.05)
            _rst(up)
            _rst(conn)
        elif fault == "drop":
            self._forward(head, body)
            _rst(conn)
        elif fault == "duplicate":
            self._forward(head, body)
            conn.sendall(self._forward(head, body))
            conn.close()
        else:
            if isinstance(fault, str) and fault.startswith("delay:"):
                time.sleep(float(fault.split(":")[1]))
            conn.sendall(self._forward(head, body))
            conn.close()

    def _forward(self, head: bytes, body: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", self.upstream)) as up:
            up.sendall(head + body)
            chunks = []
            while data := up.recv(65536):
                chunks.append(data)
        return b"".join(chunks)
