"""Entry point of the bundled app: the same `ccschool` command line (no arguments = desktop)."""
import sys

from ccschool.cli import main

if __name__ == "__main__":
    sys.exit(main())
