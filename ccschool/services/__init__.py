"""The service layer: the one way in for the GUI, the CLI and the tests.

Each function takes the session of the caller's transaction as its first argument and keyword
arguments after it; it never commits. One user action = one `db.transaction()`.
"""
