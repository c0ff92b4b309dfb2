"""Entry point of the bundled app: the same `ccschool` command line (no arguments = desktop)."""
import sys

from ccschool.cli import main

if __name__ == "__main__":
    if sys.argv[1:2] == ["--ccschool-isolated-child"]:  # roster parsing, exports (isolated.py)
        from ccschool.isolated import child_main
        sys.exit(child_main())
    sys.exit(main())
