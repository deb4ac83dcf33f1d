"""Exercises: the model, and running an exercise's check in the learner's kernel.

The check contract (docs/lesson-format.md): the hidden check runs after the learner's code, in a
copy of the kernel's namespace (so it sees their names but leaves no names of its own behind).
It passes when it finishes; an AssertionError fails with its message; a NameError fails with
"define `x` first"; any other exception fails with its type and text. The check's own source,
traceback and printed output are never shown: they would give the answer away. Modules listed
in `requires` that the kernel cannot import make the check SKIPPED, not failed.

Headless: the kernel is used only through its `execute` and `interrupt` (`CheckKernel`).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from studytui.core.kernel import DisplayData, ErrorOutput, ExecutionResult, ExecutionStatus, Output


class CheckKernel(Protocol):
    """What a check needs of a kernel session (`core.kernel.KernelSession` has it)."""

    async def execute(
        self, code: str, on_output: Callable[[Output], None], *, store_history: bool | None = None
    ) -> ExecutionResult: ...

    async def interrupt(self) -> None: ...

CHECK_MIME = "application/x-studytui-check+json"
CHECK_TIMEOUT = 10.0  # seconds a check may run before it is interrupted
_STOP_GRACE = 3.0  # seconds to wait for an interrupted check to end
# The lesson's install offers what its checks need (Lesson.needs), so a skip says where to get it.
SKIPPED_HINT = "; ctrl+p 'Install what this lesson needs' installs it"
_COLOUR = r"(?:\x1b\[[0-9;]*m)*"
# IPython names a cell's frame `Cell In[30], line 56` (coloured): an exercise file's is its own name.
_CELL_FRAME = re.compile(rf"Cell{_COLOUR} ?{_COLOUR}In\[(\d+)\]{_COLOUR}, line {_COLOUR}(\d+)")


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    task: str  # markdown shown to the learner
    starter: str  # code to start from ("" when none)
    hints: tuple[str, ...]  # revealed one at a time
    check: str | None  # hidden code; None when the exercise has no check (a validator warning)
    line: int  # 1-based line of the `::: exercise` opener
    chapter_index: int | None  # the chapter it sits in; None before the first chapter
    requires: tuple[str, ...] = ()  # modules the check needs beyond the standard library and numpy


class CheckStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failing"
    SKIPPED = "skipped"  # a required module is missing from the kernel
    NOT_RUN = "not run"  # the kernel died, restarted, or the check could not run


@dataclass(frozen=True)
class CheckResult:
    status: CheckStatus
    message: str

    @property
    def recorded(self) -> bool:
        """Whether this result says something about the learner's work (kept in their progress)."""
        return self.status in (CheckStatus.PASSED, CheckStatus.FAILED)


# Runs inside the kernel. One self-contained cell: defines, calls and deletes a private function.
_RUNNER = '''
def __studytui_check__(source, requires, mime):
    import contextlib, importlib.util, io
    from IPython import get_ipython
    from IPython.display import publish_display_data
    missing = []
    for name in requires:
        try:
            if importlib.util.find_spec(name) is None:
                missing.append(name)
        except (ImportError, ValueError):
            missing.append(name)
    if missing:
        result = {"status": "skipped", "message": "needs " + ", ".join(missing) + ", which this kernel cannot import"}
    else:
        namespace = dict(get_ipython().user_ns)
        namespace["__name__"] = "__studytui_check__"
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                exec(compile(source, "<check>", "exec"), namespace)
        except AssertionError as error:
            text = str(error).strip()
            if not text:
                line = error.__traceback__.tb_next.tb_lineno if error.__traceback__.tb_next else 0
                text = "the check failed (check line %d)" % line
            result = {"status": "failing", "message": text}
        except NameError as error:
            name = getattr(error, "name", None) or str(error)
            result = {"status": "failing", "message": "define `%s` first" % name}
        except KeyboardInterrupt:
            result = {"status": "failing", "message": "the check was stopped: it ran too long (an endless loop?)"}
        except ModuleNotFoundError as error:
            result = {"status": "skipped", "message": "needs %s, which this kernel cannot import" % error.name}
        except BaseException as error:
            result = {"status": "failing", "message": "%s: %s" % (type(error).__name__, error)}
        else:
            result = {"status": "passed", "message": namespace.get("__check_message__") or "passed"}
    publish_display_data({mime: result})
try:
    __studytui_check__(@ARGS@)
finally:
    del __studytui_check__
'''


def check_cell(exercise: Exercise) -> str:
    """The kernel cell that runs `exercise`'s check and reports its result as a display message."""
    arguments = f"{exercise.check or ''!r}, {list(exercise.requires)!r}, {CHECK_MIME!r}"
    return _RUNNER.replace("@ARGS@", arguments)


async def run_check(
    kernel: CheckKernel,
    exercise: Exercise,
    on_output: Callable[[Output], None] | None = None,
    timeout: float = CHECK_TIMEOUT,
) -> CheckResult:
    """Run `exercise`'s check in `kernel` after whatever the learner has run there."""
    if exercise.check is None:
        return CheckResult(CheckStatus.NOT_RUN, "this exercise has no check")
    reports: list[dict] = []

    def collect(output: Output) -> None:
        if isinstance(output, DisplayData) and CHECK_MIME in output.data:
            reports.append(_as_dict(output.data[CHECK_MIME]))
        elif on_output is not None:
            on_output(output)

    # The app's own cell: no number of its own, so the learner's In [n] stays the kernel's count.
    task = asyncio.ensure_future(kernel.execute(check_cell(exercise), collect, store_history=False))
    done, _ = await asyncio.wait({task}, timeout=timeout)
    if not done:
        await kernel.interrupt()
        done, _ = await asyncio.wait({task}, timeout=_STOP_GRACE)
        if not done:
            # The kernel ignores SIGINT (e.g. inside one long C call): leave it to the learner.
            return CheckResult(CheckStatus.NOT_RUN, f"the check ran over {timeout:g} s and could not be stopped: "
                               "restart the kernel")
    return interpret(task.result(), reports)


async def run_file_then_check(
    kernel: CheckKernel,
    exercise: Exercise,
    code: str,
    on_output: Callable[[Output], None] | None = None,
    timeout: float = CHECK_TIMEOUT,
    file_name: str = "",
) -> CheckResult:
    """Run the learner's exercise file in the kernel, then the check (rustlings style).

    With `file_name`, an error's traceback names the file (`exercise.py, line 56`) where IPython
    names the cell it ran as (`Cell In[30], line 56`): the file is what the learner edits."""
    shown = on_output or (lambda output: None)

    def as_the_file(output: Output) -> None:
        if file_name and isinstance(output, ErrorOutput):
            output = replace(output, traceback=name_the_file(output.traceback, file_name))
        shown(output)

    result = await kernel.execute(code, as_the_file, store_history=False)
    if result.status is ExecutionStatus.ERROR:
        return CheckResult(CheckStatus.FAILED, "your file raised an error (shown above): fix it and save again")
    if result.status is not ExecutionStatus.OK:
        return CheckResult(CheckStatus.NOT_RUN, f"your file did not finish: {result.status}")
    return await run_check(kernel, exercise, on_output, timeout)


def name_the_file(traceback: tuple[str, ...], file_name: str) -> tuple[str, ...]:
    """The traceback with the frames of the cell that ran the file (the first cell named) named
    `file_name, line N`; frames of other cells (a function defined earlier) keep their cell."""
    first = next((match for line in traceback if (match := _CELL_FRAME.search(line))), None)
    if first is None:
        return traceback
    cell = first[1]

    def renamed(match: re.Match[str]) -> str:
        return f"{file_name}, line {match[2]}" if match[1] == cell else match[0]

    return tuple(_CELL_FRAME.sub(renamed, line) for line in traceback)


def interpret(result: ExecutionResult, reports: list[dict]) -> CheckResult:
    """Turn the check cell's execution and its report into a pass, a failure or a reason it did not run."""
    if result.status is not ExecutionStatus.OK or not reports:
        reasons = {
            ExecutionStatus.DIED: "the kernel died while checking: restart it from the palette (ctrl+p)",
            ExecutionStatus.RESTARTED: "the kernel restarted while checking: run your code and check again",
            ExecutionStatus.ABORTED: "the check was not run (an earlier cell failed)",
        }
        return CheckResult(CheckStatus.NOT_RUN, reasons.get(result.status, "the check did not report a result"))
    report = reports[-1]
    try:
        status = CheckStatus(str(report.get("status")))
    except ValueError:
        return CheckResult(CheckStatus.NOT_RUN, "the check reported something unexpected")
    message = str(report.get("message", ""))
    return CheckResult(status, message + SKIPPED_HINT if status is CheckStatus.SKIPPED else message)


def _as_dict(data: object) -> dict:
    if isinstance(data, str):  # some kernels send JSON MIME data as text
        try:
            data = json.loads(data)
        except ValueError:
            return {}
    return data if isinstance(data, dict) else {}
