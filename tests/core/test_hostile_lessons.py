"""Lesson packs are strangers' files: the hostile pack loads or fails at a located line, its text
holds no control character, and nothing the app writes can leave the notes folder (headless)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytui.config import OutsideWorkspace, Settings, path_inside
from studytui.core.lessons import Lesson, LessonError, library_problems, load_library, parse_lesson_text
from studytui.core.text import clean_text
from tests.hostile import CHECK_FAILURE, CLICK, LESSON_ID, MARKERS, unsafe_characters, write_hostile_pack


def lesson_texts(lesson: Lesson) -> list[str]:
    """Every text of a lesson that the app draws."""
    texts = [lesson.title, lesson.course, lesson.intro, *lesson.prerequisites, *lesson.resources]
    for chapter in lesson.chapters:
        texts += [chapter.title, chapter.summary]
    for exercise in lesson.exercises:
        texts += [exercise.title, exercise.task, *exercise.hints]
    return texts


# ----- the one rule for outside text: tests/core/test_text.py ------------------------------------------


# ----- the hostile pack -------------------------------------------------------------------------------


@pytest.fixture
def pack(tmp_path):
    return write_hostile_pack(tmp_path / "lessons", outside=tmp_path / "outside")


def test_the_hostile_lesson_loads_with_its_markup_literal_and_no_control_character(pack):
    library = load_library(pack.root)
    (lesson,) = library.lessons
    assert lesson.id == LESSON_ID
    assert lesson.title.startswith(f"Title {CLICK} [/]")
    for text in lesson_texts(lesson):
        assert not unsafe_characters(text), (text, unsafe_characters(text))
        assert "\ufffd" not in text, f"a NUL became a replacement character: {text!r}"
        assert not any(marker in text for marker in MARKERS), f"an OSC payload was kept: {text!r}"
    assert CHECK_FAILURE in lesson.exercises[0].check


def test_every_bad_file_is_skipped_with_an_error_at_its_line(pack):
    library = load_library(pack.root)
    broken = {item.path.name: item.problems for item in library.broken}
    assert set(broken) == {bad.name for bad in pack.bad}
    for bad in pack.bad:
        lines_and_words = [(problem.line, problem.message) for problem in broken[bad.name]]
        assert any(line == bad.line and bad.words in message for line, message in lines_and_words), (
            bad.name, lines_and_words)
    reported = library_problems(library)
    for bad in pack.bad:
        assert any(p.path.name == bad.name and p.line == bad.line for p in reported), bad.name


def test_check_lessons_runs_the_app_loader_and_keeps_the_terminal_clean(pack):
    result = subprocess.run(
        [sys.executable, "-m", "studytui.cli", "check-lessons", str(pack.root)], capture_output=True, text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "1 lessons, 13 broken" in result.stderr
    for bad in pack.bad:
        assert f"{clean_text(bad.name)}:{bad.line}: " in result.stdout, bad.name
    assert not unsafe_characters(result.stdout)
    assert not any(marker in result.stdout for marker in MARKERS)


def test_a_folder_check_lessons_passes_opens_with_the_same_lessons(tmp_path):
    folder = tmp_path / "good"
    folder.mkdir()
    (folder / "one.md").write_text("---\ntitle: One\ncourse: C\nduration: '10:00'\n---\n## 00:00 Start\n")
    library = load_library(folder)
    assert library_problems(library) == [] and [lesson.id for lesson in library.lessons] == ["one"]


def test_a_file_name_that_is_no_safe_id_needs_an_id_key(tmp_path):
    with pytest.raises(LessonError) as error:
        parse_lesson_text("---\ntitle: T\ncourse: C\nduration: '10:00'\n---\n", tmp_path / "my lesson.md")
    assert error.value.problems[0].line == 1 and "add an 'id' key" in error.value.problems[0].message


# ----- paths stay home ------------------------------------------------------------------------------------


@pytest.mark.parametrize("part", ["/etc/passwd", "../escaped", "a/../../b", "nul\x00name"])
def test_path_inside_refuses_parts_that_leave_the_folder(tmp_path, part):
    with pytest.raises(OutsideWorkspace):
        path_inside(tmp_path / "notes", part)


def test_path_inside_resolves_symlinks(tmp_path):
    notes, outside = tmp_path / "notes", tmp_path / "outside"
    notes.mkdir()
    outside.mkdir()
    (notes / "leak.md").symlink_to(outside / "settings.json")
    (notes / "outputs").symlink_to(outside, target_is_directory=True)
    (notes / "shared").mkdir()
    (notes / "alias.md").symlink_to(notes / "shared" / "real.md")
    with pytest.raises(OutsideWorkspace):
        path_inside(notes, "leak.md")
    with pytest.raises(OutsideWorkspace):
        path_inside(notes, "outputs", "lesson")
    assert path_inside(notes, "alias.md") == notes / "alias.md", "a symlink inside is written through"
    settings = Settings(lessons_dir=tmp_path, notes_dir=notes)
    assert settings.notes_path("zth-01") == notes / "zth-01.md"
    with pytest.raises(OutsideWorkspace):
        settings.notes_path("leak")


# ----- any text in any field ------------------------------------------------------------------------------

_ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


def _lesson(fields: dict[str, str]) -> str:
    return (
        "---\n"
        f"id: {json.dumps(fields['id'])}\n"
        f"title: {json.dumps(fields['title'])}\n"
        f"course: {json.dumps(fields['course'])}\n"
        f"duration: {fields['duration']}\n"
        f"prerequisites: [{json.dumps(fields['prerequisite'])}]\n"
        "---\n"
        f"{fields['intro']}\n\n"
        f"## 00:10 {fields['chapter']}\n\n"
        f"{fields['summary']}\n\n"
        f"::: exercise {fields['exercise_id']} {fields['exercise']}\n"
        f"{fields['task']}\n\n"
        f"> hint: {fields['hint']}\n\n"
        "```python check\nassert True\n```\n:::\n"
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {
            "id": st.one_of(_ANY_TEXT, st.just("fine-id")),
            "title": _ANY_TEXT,
            "course": _ANY_TEXT,
            "duration": st.one_of(
                st.just('"10:00"'), st.just(".inf"), st.just("-.inf"), st.just(".nan"), _ANY_TEXT.map(json.dumps),
                st.integers(min_value=-(10**30), max_value=10**30).map(str),
            ),
            "prerequisite": _ANY_TEXT,
            "intro": _ANY_TEXT,
            "chapter": _ANY_TEXT,
            "summary": _ANY_TEXT,
            "exercise_id": st.one_of(_ANY_TEXT.filter(lambda text: text.strip() and "\n" not in text), st.just("ex")),
            "exercise": _ANY_TEXT.filter(lambda text: "\n" not in text),
            "task": _ANY_TEXT,
            "hint": _ANY_TEXT,
        }
    )
)
def test_any_text_in_any_field_loads_or_fails_at_a_line_and_never_keeps_a_control_character(fields):
    text = _lesson(fields)
    try:
        lesson = parse_lesson_text(text, Path("any.md"))
    except LessonError as error:
        assert error.problems, "a failure lists its problems"
        lines = text.count("\n") + 1
        assert all(1 <= problem.line <= lines for problem in error.problems), error.problems
        return
    for shown in lesson_texts(lesson):
        assert not unsafe_characters(shown), (shown, fields)
    assert lesson.id and len(lesson.id) <= 100 and "/" not in lesson.id and ".." not in lesson.id[:2]
    # No duration and no video: a lesson of exercises only, with no clock.
    assert 0 < lesson.duration <= 24 * 3600 or (lesson.duration == 0 and lesson.video is None and not lesson.has_video)
