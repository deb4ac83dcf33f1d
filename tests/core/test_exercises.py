"""Every bundled exercise against a reference solution and a wrong one, in one real kernel; the check contract."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import pytest_asyncio

from studytui.core.kernel import KernelSession
from studytui.core.lessons import CheckStatus, Exercise, load_library, run_check, run_file_then_check
from tests.core.exercise_solutions import SOLUTIONS

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(120)]

BUNDLED = Path(__file__).parents[2] / "lessons"
LIBRARY = load_library(BUNDLED)
BUNDLED_EXERCISES = {
    f"{lesson.id}/{exercise.id}": exercise for lesson in LIBRARY.lessons for exercise in lesson.exercises
}
HAS_TORCH = importlib.util.find_spec("torch") is not None


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def kernel():
    session = KernelSession()
    await session.start()
    yield session
    await session.shutdown()


async def fresh(kernel: KernelSession, code: str = "") -> list:
    """Reset the namespace, then run `code`; returns the outputs, failing on an error."""
    outputs: list = []
    result = await kernel.execute("%reset -f\n", outputs.append)
    assert result.status == "ok"
    if code:
        result = await kernel.execute(code, outputs.append)
        assert result.status == "ok", outputs
    return outputs


def exercise(check: str, requires: tuple[str, ...] = ()) -> Exercise:
    return Exercise("demo", "Demo", "task", "", (), check, 1, None, requires)


async def test_curriculum_has_enough_exercises_and_a_solution_for_each():
    assert len(BUNDLED_EXERCISES) >= 15
    assert set(BUNDLED_EXERCISES) == set(SOLUTIONS), "every bundled exercise needs a solution in the tests"
    for key, item in BUNDLED_EXERCISES.items():
        assert item.check, f"{key} has no check"
        assert set(item.requires) <= {"torch"}, f"{key} needs more than the standard library and numpy"


@pytest.mark.parametrize("key", sorted(SOLUTIONS))
async def test_bundled_exercise_right_passes_wrong_and_empty_fail(kernel, key):
    item = BUNDLED_EXERCISES[key]
    right, wrong = SOLUTIONS[key]
    if "torch" in item.requires and not HAS_TORCH:
        await fresh(kernel)
        result = await run_check(kernel, item)
        assert result.status is CheckStatus.SKIPPED and "torch" in result.message
        return
    await fresh(kernel, right)
    result = await run_check(kernel, item)
    assert result.status is CheckStatus.PASSED, f"{key}: {result.message}"

    await fresh(kernel, wrong)
    result = await run_check(kernel, item)
    assert result.status is CheckStatus.FAILED, f"{key}: the wrong solution passed"
    assert result.message and "Traceback" not in result.message

    await fresh(kernel)
    result = await run_check(kernel, item)
    assert result.status is CheckStatus.FAILED
    assert result.message.startswith("define `"), result.message


async def test_assertion_message_is_the_failure_message(kernel):
    await fresh(kernel, "x = 1")
    result = await run_check(kernel, exercise('assert x == 2, "x should be 2"'))
    assert (result.status, result.message) == (CheckStatus.FAILED, "x should be 2")
    result = await run_check(kernel, exercise("y = 0\nassert x == 2"))
    assert result.status is CheckStatus.FAILED and "check line 2" in result.message


async def test_other_exceptions_fail_with_type_and_text(kernel):
    await fresh(kernel, "def f():\n    return 1 / 0\n")
    result = await run_check(kernel, exercise("f()"))
    assert result.status is CheckStatus.FAILED
    assert result.message == "ZeroDivisionError: division by zero"


async def test_check_leaves_no_names_and_shows_no_output(kernel):
    await fresh(kernel, "x = 1")
    shown: list = []
    result = await run_check(kernel, exercise("print('secret')\nx = 99\nleak = 1\nassert True"), shown.append)
    assert result.status is CheckStatus.PASSED
    assert shown == [], "the check's own output is hidden"
    outputs: list = []
    await kernel.execute("print(x, 'leak' in globals())", outputs.append)
    assert "1 False" in "".join(getattr(o, "text", "") for o in outputs)


async def test_endless_check_is_stopped(kernel):
    await fresh(kernel)
    result = await run_check(kernel, exercise("while True:\n    pass\n"), timeout=0.5)
    assert result.status is CheckStatus.FAILED and "ran too long" in result.message
    outputs: list = []
    assert (await kernel.execute("1 + 1", outputs.append)).status == "ok", "the kernel is usable afterwards"


async def test_missing_required_module_skips(kernel):
    await fresh(kernel)
    result = await run_check(kernel, exercise("import not_a_module_here", ("not_a_module_here",)))
    assert result.status is CheckStatus.SKIPPED and "not_a_module_here" in result.message
    assert result.message.endswith("ctrl+p 'Install what this lesson needs' installs it"), result.message
    assert not result.recorded


async def test_no_check_is_not_run(kernel):
    result = await run_check(kernel, Exercise("demo", "Demo", "t", "", (), None, 1, None))
    assert result.status is CheckStatus.NOT_RUN


async def test_file_runs_then_check(kernel):
    await fresh(kernel)
    item = exercise('assert double(2) == 4, "double(2) should be 4"')
    outputs: list = []
    result = await run_file_then_check(kernel, item, "def double(x):\n    return 2 * x\nprint('ran')\n", outputs.append)
    assert result.status is CheckStatus.PASSED
    assert any("ran" in getattr(o, "text", "") for o in outputs), "the file's own output is shown"
    result = await run_file_then_check(kernel, item, "def double(x):\n    return x +\n", outputs.append)
    assert result.status is CheckStatus.FAILED and "your file raised an error" in result.message
    assert any(type(o).__name__ == "ErrorOutput" for o in outputs)
