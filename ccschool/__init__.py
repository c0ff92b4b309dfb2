"""ccschool: offline records for township community schools and village teaching points."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("ccschool")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"
