"""ccschool: offline records for township community schools and village teaching points."""

# A constant rather than importlib.metadata (~60 ms at every start); a test keeps it equal to
# pyproject.toml's version.
__version__ = "0.1.0"
