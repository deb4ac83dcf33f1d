"""The learner's store: one SQLite database in the workspace, one connection, one schema with a
version (see `schema`, which also puts it in WAL mode).

Writes never raise: a full disk loses an entry, not the session (`last_error` says what went
wrong). Reads raise sqlite3.Error; the callers that run at every lesson opened catch it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studytui.core.files import check_regular

Parameters = tuple[object, ...]


class Store:
    def __init__(self, path: Path) -> None:
        """Open (or create) the database at `path`; ":memory:" keeps it in memory.

        RefusedFile (an OSError) when the database or one of SQLite's companion files is a link
        or not a regular file; sqlite3.DatabaseError when the file is damaged.
        """
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
            check_database_files(path)
        self.path = path
        self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self._check_pages()
        except sqlite3.Error:
            self.connection.close()
            raise
        self.closed = False
        self.last_error: str | None = None

    def _check_pages(self) -> None:
        """Damage found now, at start, not by a query in the middle of a session (a small file: milliseconds)."""
        problems = [row[0] for row in self.connection.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(problems))

    def write(self, sql: str, parameters: Parameters = ()) -> sqlite3.Cursor | None:
        """One statement; None when the database refused it (or is closed)."""
        if self.closed:
            return None
        try:
            return self.connection.execute(sql, parameters)
        except sqlite3.Error as error:
            self.last_error = str(error)
            return None

    def transaction(self, *statements: tuple[str, Parameters]) -> bool:
        """All the statements or none; False when the database refused one (or is closed)."""
        if self.write("BEGIN") is None:
            return False
        if all(self.write(sql, parameters) is not None for sql, parameters in statements) and (
            self.write("COMMIT") is not None
        ):
            return True
        if self.connection.in_transaction:
            self.write("ROLLBACK")
        return False

    def rows(self, sql: str, parameters: Parameters = ()) -> list[tuple]:
        """The rows of a query; [] once closed. Raises sqlite3.Error."""
        if self.closed:
            return []
        return self.connection.execute(sql, parameters).fetchall()

    def close(self) -> None:
        if self.closed:
            return
        try:
            self.connection.close()
        except sqlite3.Error:
            pass
        self.closed = True


def check_database_files(path: Path) -> None:
    """RefusedFile (an OSError) when the database or one of SQLite's companion files is a link or
    not a regular file: SQLite follows a link to the database and writes beside its target."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        check_regular(Path(f"{path}{suffix}"), follow_links=False)
