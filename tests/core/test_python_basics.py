"""The bundled Python basics course: exercises only, in order, and each wrong answer told what is wrong.

Every exercise's reference solution passing and its wrong answer failing run with the rest of the
bundled curriculum in test_exercises.py; here the failure message of each wrong answer must name
the mistake, in a real kernel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.core.lessons import CheckStatus, library_problems, load_library, run_check
from tests.core.python_basics_solutions import PYTHON_BASICS

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(120)]

BUNDLED = Path(__file__).parents[2] / "lessons"
LIBRARY = load_library(BUNDLED)
(COURSE,) = [course for course in LIBRARY.courses() if course.id == "python-basics"]
EXERCISES = {f"{lesson.id}/{item.id}": item for lesson in COURSE.lessons for item in lesson.exercises}


async def test_the_course_is_exercises_only_in_order_and_checks_clean() -> None:
    assert len(EXERCISES) >= 25
    assert set(EXERCISES) == set(PYTHON_BASICS), "every exercise needs a right and a wrong answer in the tests"
    assert [lesson.order for lesson in COURSE.lessons] == list(range(1, len(COURSE.lessons) + 1))
    for lesson in COURSE.lessons:
        assert not lesson.has_video and lesson.video is None and lesson.duration == 0
        assert not lesson.chapters
        for item in lesson.exercises:
            assert item.hints, f"{lesson.id}/{item.id} has no hint"
            assert item.check, f"{lesson.id}/{item.id} has no check"
    topics = " ".join(lesson.title for lesson in COURSE.lessons).lower()
    for topic in ("lists", "dicts", "comprehensions", "functions", "classes", "exceptions", "files", "numpy",
                  "broadcasting", "vectorising"):
        assert topic in topics, f"no lesson on {topic}"
    assert "micrograd" in COURSE.lessons[-1].intro, "the last lesson leads into micrograd"
    ours = [problem for problem in library_problems(LIBRARY) if "python-basics" in str(problem.path)]
    assert ours == []


@pytest.mark.parametrize("key", sorted(PYTHON_BASICS))
async def test_a_wrong_answer_is_told_what_is_wrong(kernel, key: str) -> None:
    item = EXERCISES[key]
    right, wrong, says = PYTHON_BASICS[key]
    assert (await kernel.execute("%reset -f\n" + right, lambda output: None)).status == "ok"
    result = await run_check(kernel, item)
    assert result.status is CheckStatus.PASSED, f"{key}: {result.message}"
    assert (await kernel.execute("%reset -f\n" + wrong, lambda output: None)).status == "ok"
    result = await run_check(kernel, item)
    assert result.status is CheckStatus.FAILED, f"{key}: the wrong answer passed"
    assert says in result.message, f"{key}: {result.message!r} does not say {says!r}"
