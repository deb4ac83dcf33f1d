"""Lesson and exercise ids: safe slugs, because they name files in the learner's notes folder.

An id is 1 to 100 characters: ASCII letters, digits, '-', '_' and '.', starting with a letter or
a digit. So an id can never be absolute, climb out with '..', hold a '/', a NUL or a control
character, or make a file name longer than a file system allows.
"""

from __future__ import annotations

import re

MAX_ID_LENGTH = 100
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def id_problem(value: str, what: str = "lesson id") -> str | None:
    """Why `value` is no safe id (a message for the author), or None when it is one."""
    if not value:
        return f"the {what} is empty"
    if len(value) > MAX_ID_LENGTH:
        return f"the {what} is {len(value)} characters long: at most {MAX_ID_LENGTH}"
    if SAFE_ID.fullmatch(value) is None:
        shown = repr(value) if len(value) <= 40 else repr(value[:37]) + "..."
        return (
            f"the {what} {shown} may hold only ASCII letters, digits, '-', '_' and '.', "
            "and must start with a letter or a digit"
        )
    return None


def is_safe_id(value: str) -> bool:
    return id_problem(value) is None
