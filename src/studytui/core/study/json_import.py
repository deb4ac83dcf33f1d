"""Taking in the JSON files studytui kept before the study log held all the learner's state.

`state.json` held the lesson open last, each lesson's position and pass; `exercises.json` held,
per exercise, the last status and message, how many checks, when it first passed and was last
checked, and how many hints were opened. Their values go into the study log's tables (inside the
caller's transaction); once that is committed, each file is renamed `<name>.migrated` beside.

A damaged file gives what can be read of it and a problem for the rest: a file that is not JSON
at all migrates nothing and is kept as it is.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import reprlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from studytui.config import Settings
from studytui.core.files import read_json

LAST_LESSON = "last_lesson"  # app_state's name for the lesson open last
SAME_CHECK = 2.0  # seconds: a check logged this close to a time in exercises.json is that check
SHOWN_PROBLEMS = 5


@dataclass(frozen=True)
class JsonFiles:
    state: Path  # state.json
    exercises: Path  # exercises.json

    @classmethod
    def of(cls, settings: Settings) -> JsonFiles:
        return cls(settings.state_path, settings.exercise_progress_path)


def import_json_files(db: sqlite3.Connection, files: JsonFiles) -> tuple[list[str], list[Callable[[], str | None]]]:
    """Write what the files hold into `db` (in its open transaction). Returns the problems, and
    what to do once the transaction is committed (keep each file aside as `.migrated`)."""
    problems: list[str] = []
    done: list[Callable[[], str | None]] = []
    for path, take in ((files.state, _take_state), (files.exercises, _take_exercises)):
        try:
            data = read_json(path)
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as error:
            problems.append(f"{path.name} could not be read ({error}): nothing was taken from it; it is left as it is")
            continue
        skipped = take(db, data)
        if skipped:
            more = f" (and {len(skipped) - SHOWN_PROBLEMS} more)" if len(skipped) > SHOWN_PROBLEMS else ""
            problems.append(
                f"{path.name}: could not migrate {'; '.join(skipped[:SHOWN_PROBLEMS])}{more}; "
                f"everything else was (the file is kept as {path.name}.migrated)"
            )
        done.append(partial(_keep_aside, path))
    return problems, done


def _keep_aside(path: Path) -> str | None:
    kept = path.with_name(f"{path.name}.migrated")
    counter = 2
    while kept.exists() or kept.is_symlink():
        kept = path.with_name(f"{path.name}.migrated-{counter}")
        counter += 1
    try:
        os.replace(path, kept)
    except OSError as error:
        return f"{path.name} was migrated but could not be renamed ({error}); it is read again at the next start"
    return None


# ----- state.json ------------------------------------------------------------------------------


def _take_state(db: sqlite3.Connection, data: object) -> list[str]:
    if not isinstance(data, dict):
        return [f"its content (a {type(data).__name__}, not an object)"]
    skipped: list[str] = []
    last = data.get("last_lesson")
    if isinstance(last, str):
        db.execute("INSERT OR REPLACE INTO app_state (name, value) VALUES (?, ?)", (LAST_LESSON, last))
    elif last is not None:
        skipped.append(f"last_lesson {_short(last)}")
    for lesson, position in _entries(data, "positions", skipped):
        if isinstance(position, (int, float)) and not isinstance(position, bool) and math.isfinite(position):
            db.execute(
                "INSERT INTO lesson_state (lesson, position) VALUES (?, ?) "
                "ON CONFLICT (lesson) DO UPDATE SET position = excluded.position",
                (lesson, float(position)),
            )
        else:
            skipped.append(f"the position of {lesson!r} ({_short(position)})")
    for lesson, study_pass in _entries(data, "passes", skipped):
        if study_pass in (1, 2) and not isinstance(study_pass, bool):
            db.execute(
                "INSERT INTO lesson_state (lesson, pass) VALUES (?, ?) "
                "ON CONFLICT (lesson) DO UPDATE SET pass = excluded.pass",
                (lesson, study_pass),
            )
        else:
            skipped.append(f"the pass of {lesson!r} ({_short(study_pass)})")
    return skipped


def _entries(data: dict, name: str, skipped: list[str]) -> list[tuple[str, object]]:
    table = data.get(name)
    if table is None:
        return []
    if not isinstance(table, dict):
        skipped.append(f"{name} ({_short(table)}, not an object)")
        return []
    return [(str(key), value) for key, value in table.items()]


# ----- exercises.json --------------------------------------------------------------------------


@dataclass
class _Check:
    at: float
    status: str
    message: str = ""
    known: bool = True  # False: an attempt exercises.json counted but the log has no row for


def _take_exercises(db: sqlite3.Connection, data: object) -> list[str]:
    entries = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return [f"its content ({_short(data)}: no 'exercises' object)"]
    skipped: list[str] = []
    for key, record in entries.items():
        lesson, slash, exercise = str(key).partition("/")
        if not slash or not isinstance(record, dict):
            skipped.append(f"the entry {_short(key)}")
            continue
        _take_record(db, lesson, exercise, record, skipped)
    return skipped


def _take_record(db: sqlite3.Connection, lesson: str, exercise: str, record: dict, skipped: list[str]) -> None:
    """One exercise's record, merged with the checks the log already holds for it so that the
    exercise reads back with the record's values: its number of checks, last status and message,
    first pass and last check (the log's rows are kept; missing ones are added)."""
    name = f"{lesson}/{exercise}"

    def field(key: str, kind: type | tuple[type, ...], default: object) -> object:
        value = record.get(key, default)
        if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
            return value
        skipped.append(f"{key} of {name!r} ({_short(value)})")
        return default

    status = field("status", str, "not tried")
    message = field("message", str, "") or ""
    attempts = field("attempts", int, 0)
    hints = field("hints_opened", int, 0)
    first_passed = _time(field("first_passed", str, None), f"first_passed of {name!r}", skipped)
    last_checked = _time(field("last_checked", str, None), f"last_checked of {name!r}", skipped)
    if isinstance(hints, int) and hints > 0:
        db.execute(
            "INSERT INTO exercise_hints (lesson, exercise, opened) VALUES (?, ?, ?) "
            "ON CONFLICT (lesson, exercise) DO UPDATE SET opened = MAX(opened, excluded.opened)",
            (lesson, exercise, hints),
        )
    rows = db.execute(
        "SELECT rowid, status, message, at FROM exercise_checks WHERE lesson = ? AND exercise = ? ORDER BY at, rowid",
        (lesson, exercise),
    ).fetchall()
    checks = [_Check(at, row_status, row_message) for _, row_status, row_message, at in rows]
    if last_checked is not None and isinstance(status, str) and status != "not tried":
        last = _same_check(checks, last_checked) or _added(checks, _Check(last_checked, status, known=False))
        last.at, last.status, last.message = last_checked, status, str(message)
    if first_passed is not None:
        first = _same_check([c for c in checks if c.status == "passed"], first_passed)
        if first is None:
            first = _added(checks, _Check(first_passed, "passed", known=False))
        first.at = first_passed
    wanted = attempts if isinstance(attempts, int) else 0
    earliest = min((check.at for check in checks), default=last_checked or first_passed or 0.0)
    while len(checks) < wanted:  # counted in the file, with no time or result of their own
        checks.append(_Check(earliest, "failing", known=False))
    checks.sort(key=lambda check: (check.at, check.known, check.status == "passed"))
    db.execute("DELETE FROM exercise_checks WHERE lesson = ? AND exercise = ?", (lesson, exercise))
    db.executemany(
        "INSERT INTO exercise_checks (lesson, exercise, status, message, at) VALUES (?, ?, ?, ?, ?)",
        [(lesson, exercise, check.status, check.message, check.at) for check in checks],
    )


def _same_check(checks: list[_Check], at: float) -> _Check | None:
    near = [check for check in checks if abs(check.at - at) < SAME_CHECK]
    return min(near, key=lambda check: abs(check.at - at)) if near else None


def _added(checks: list[_Check], check: _Check) -> _Check:
    checks.append(check)
    return check


def _time(value: object, what: str, skipped: list[str]) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        skipped.append(f"{what} ({_short(value)})")
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def _short(value: object) -> str:
    """A value quoted in a problem, cut short (reprlib never goes more than a few levels deep)."""
    return _SHORT.repr(value)


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 40
