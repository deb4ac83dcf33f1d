"""Finding `::: exercise <id>` containers in a parsed lesson and turning them into Exercises.

Inside a container: the task in markdown; a ```python starter fence (optional); blockquotes that
start with `hint:` (one hint each); a ```python check fence (hidden; `requires=torch` after the
word `check` names modules it needs). See docs/lesson-format.md.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from studytui.core.lessons.exercises import Exercise
from studytui.core.lessons.slugs import id_problem
from studytui.core.text import clean_text

_CLOSER = re.compile(r"^\s{0,3}:{3,}\s*$")
_STRAY = re.compile(r"^\s{0,3}:{3,}\s*(?P<name>[^\s:]*)")
_HINT = re.compile(r"^\s*hint\s*:\s*", re.IGNORECASE)


@dataclass
class ExerciseScan:
    exercises: list[Exercise] = field(default_factory=list)
    fatal: list[tuple[int, str]] = field(default_factory=list)  # (1-based line, message)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)  # 0-based rows of containers (not in summaries)


def scan_exercises(tokens: list[Token], lines: list[str], chapter_rows: list[int]) -> ExerciseScan:
    """Exercises of one lesson; `chapter_rows` are the 0-based rows of chapter headings, ascending."""
    scan = ExerciseScan()
    seen: dict[str, int] = {}
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "container_exercise_open" and token.map is not None:
            close = _matching_close(tokens, index)
            inner = tokens[index + 1 : close]
            exercise = _exercise(token, inner, lines, chapter_rows, scan)
            start, closer = token.map  # closer: the row of the closing ':::' (the end when unclosed)
            scan.hidden_rows.update(range(start, closer + 1))
            if exercise is not None:
                if exercise.id in seen:
                    scan.warnings.append(
                        (exercise.line, f"exercise id {exercise.id!r} is already used on line {seen[exercise.id]}")
                    )
                else:
                    seen[exercise.id] = exercise.line
                    scan.exercises.append(exercise)
            index = close + 1
            continue
        if token.type == "fence" and token.map is not None and _fence_role(token.info)[0] == "check":
            scan.warnings.append((token.map[0] + 1, "a check block outside an exercise is ignored"))
        _stray_markers(token, scan)
        index += 1
    return scan


def _matching_close(tokens: list[Token], open_index: int) -> int:
    depth = 0
    for index in range(open_index, len(tokens)):
        if tokens[index].type == "container_exercise_open":
            depth += 1
        elif tokens[index].type == "container_exercise_close":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens)


def _exercise(
    opener: Token, inner: list[Token], lines: list[str], chapter_rows: list[int], scan: ExerciseScan
) -> Exercise | None:
    assert opener.map is not None
    start, closer = opener.map
    line = start + 1
    ok = True
    if closer >= len(lines) or not _CLOSER.match(lines[closer]):
        scan.fatal.append((line, "exercise is not closed: add a ':::' line after its check"))
        ok = False
    words = opener.info.strip().split(None, 2)
    exercise_id = words[1] if len(words) > 1 else ""
    title = words[2].strip() if len(words) > 2 else exercise_id
    if not exercise_id:
        scan.fatal.append((line, "exercise has no id: write '::: exercise some-id Title'"))
        ok = False
    elif problem := id_problem(exercise_id, "exercise id"):
        scan.fatal.append((line, problem))
        ok = False

    starter: str | None = None
    check: str | None = None
    requires: tuple[str, ...] = ()
    hints: list[str] = []
    taken_rows: set[int] = {start, closer}
    for position, token in enumerate(inner):
        if token.map is None:
            continue
        if token.type == "container_exercise_open":
            scan.fatal.append((token.map[0] + 1, "an exercise inside another exercise: close the first with ':::'"))
            ok = False
        elif token.type == "fence" and token.level == 1:
            role, options = _fence_role(token.info)
            if role == "starter":
                if starter is not None:
                    scan.warnings.append((token.map[0] + 1, "a second starter block: only the first is used"))
                    continue
                starter = token.content
                taken_rows.update(range(*token.map))
            elif role == "check":
                if check is not None:
                    scan.warnings.append((token.map[0] + 1, "a second check block: only the first is used"))
                    continue
                check = token.content
                requires = tuple(name for name in options.get("requires", "").split(",") if name.strip())
                taken_rows.update(range(*token.map))
        elif token.type == "blockquote_open" and token.level == 1:
            following = inner[position + 2] if position + 2 < len(inner) else None
            if following is not None and following.type == "inline" and _HINT.match(following.content):
                quoted = [_unquote(lines[row]) for row in range(*token.map) if row < len(lines)]
                quoted[0] = _HINT.sub("", quoted[0], count=1)
                hints.append("\n".join(quoted).strip())
                taken_rows.update(range(*token.map))
        _stray_markers(token, scan)
    if not ok:
        return None
    if check is None:
        scan.warnings.append((line, f"exercise {exercise_id!r} has no check: add a ```python check block"))
    task_rows = [row for row in range(start + 1, min(closer, len(lines))) if row not in taken_rows]
    task = "\n".join(lines[row] for row in task_rows).strip()
    chapter_index = bisect.bisect_left(chapter_rows, start) - 1
    return Exercise(
        id=exercise_id,
        title=clean_text(title),  # shown in the outline, the code pane and toasts
        task=clean_text(task),
        starter=clean_text(starter or ""),  # loaded into the code cell: no escape sequences
        hints=tuple(clean_text(hint) for hint in hints),
        check=check,
        line=line,
        chapter_index=chapter_index if chapter_index >= 0 else None,
        requires=requires,
    )


def _fence_role(info: str) -> tuple[str | None, dict[str, str]]:
    """('starter' | 'check' | None, options) from a fence info string like 'python check requires=torch'."""
    words = info.strip().split()
    if len(words) < 2 or words[0].lower() not in ("python", "py", "python3"):
        return None, {}
    role = words[1].lower()
    if role not in ("starter", "check"):
        return None, {}
    options = dict(word.split("=", 1) for word in words[2:] if "=" in word)
    return role, options


def _unquote(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith(">"):
        stripped = stripped[1:]
        if stripped.startswith(" "):
            stripped = stripped[1:]
    return stripped


def _stray_markers(token: Token, scan: ExerciseScan) -> None:
    """`:::` lines that no exercise container took: a typo in the name or a closer with no opener."""
    if token.type != "inline" or token.map is None or ":::" not in token.content:
        return
    for offset, text in enumerate(token.content.split("\n")):
        match = _STRAY.match(text)
        if match is None:
            continue
        line = token.map[0] + offset + 1
        name = match["name"]
        if not name:
            scan.fatal.append((line, "a ':::' line with no open exercise"))
        else:
            scan.fatal.append((line, f"unknown container {name!r}: only '::: exercise <id>' is known"))
