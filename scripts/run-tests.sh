#!/bin/sh
# Run the whole test suite headless (installs what it needs on first run; see README).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CCS_SETUP_MODE=test . "$ROOT/scripts/setup-env.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
exec "$ROOT/.venv/bin/python" -m pytest -n 2 --dist loadfile -q "$@"
