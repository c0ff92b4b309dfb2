#!/bin/sh
# Start the ccschool desktop app (installs what it needs on first run; see README).
# Data lives in the platform's user data folder unless --data-dir or CCSCHOOL_DATA_DIR says
# otherwise; a new database starts with the demo site so there is something to look at.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CCS_SETUP_MODE=app . "$ROOT/scripts/setup-env.sh"
exec "$ROOT/.venv/bin/python" -m ccschool gui "$@"
