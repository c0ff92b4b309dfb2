"""What a Database's connections ran inside their write transactions, for tests that bound a
write's size by structure rather than by time."""
from __future__ import annotations

from sqlalchemy import event


def write_transactions(db) -> list[list[str]]:
    """The statements of every write transaction (BEGIN IMMEDIATE … COMMIT) on db's
    connections, one list per transaction; an executemany shows once per row."""
    done: list[list[str]] = []
    state: dict = {"open": None}

    def trace(sql: str) -> None:
        if sql.startswith("BEGIN IMMEDIATE"):
            state["open"] = []
        elif sql.startswith(("COMMIT", "ROLLBACK")):
            if state["open"] is not None:
                done.append(state["open"])
            state["open"] = None
        elif state["open"] is not None:
            state["open"].append(sql)

    db.engine.dispose()
    event.listen(db.engine, "connect", lambda conn, _r: conn.set_trace_callback(trace))
    return done
