#!/bin/sh
# Run the whole test suite headless (installs what it needs on first run; see README).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/setup-env.sh" test
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
exec "$ROOT/.venv/bin/python" -m pytest -n 2 --dist loadfile -q "$@"
