"""The bundled curriculum's shipped parses (lessons/lesson-index.json): a first launch parses no file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import studytui.config as config
import studytui.core.lessons.courses as courses
from studytui.config import bundled_lessons_dir
from studytui.core.lessons import BUNDLED_INDEX, bundled_index_text, load_library


def parse_refused(path: Path) -> object:
    raise AssertionError(f"{path} was parsed")


def test_the_shipped_index_is_the_parse_of_the_shipped_lessons() -> None:
    root = bundled_lessons_dir()
    shipped = (root / BUNDLED_INDEX).read_text(encoding="utf-8")
    assert shipped == bundled_index_text(load_library(root)), (
        "lessons/lesson-index.json is not the parse of today's lessons and parser: "
        "run `.venv/bin/python scripts/lesson_index.py` and commit the file"
    )


def test_a_first_launch_reads_the_index_and_parses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = bundled_lessons_dir()
    parsed = load_library(root)
    monkeypatch.setattr(courses, "_parse_lesson", parse_refused)
    indexed = load_library(root, cache_file=tmp_path / "cache" / "lessons.json")
    assert indexed.lessons == parsed.lessons
    assert indexed.broken == parsed.broken
    assert indexed.course_list == parsed.course_list
    assert indexed.problems == parsed.problems
    assert [lesson.title for lesson in indexed.lessons][:1] == [parsed.lessons[0].title]


def copy_of_the_curriculum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "studytui" / "lessons"
    shutil.copytree(bundled_lessons_dir(), copy)
    monkeypatch.setattr(config, "bundled_lessons_dir", lambda: copy)
    return copy


def test_a_lesson_whose_bytes_changed_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_of_the_curriculum(tmp_path, monkeypatch)
    first = sorted(root.rglob("*.md"))[1]
    text = first.read_text(encoding="utf-8")
    old_title = next(line for line in text.splitlines() if line.startswith("title:"))
    first.write_text(text.replace(old_title, "title: Changed by hand", 1), encoding="utf-8")
    seen: list[Path] = []
    real_parse = courses._parse_lesson

    def counted(path: Path) -> object:
        seen.append(path)
        return real_parse(path)

    monkeypatch.setattr(courses, "_parse_lesson", counted)
    library = load_library(root, cache_file=tmp_path / "cache.json")
    assert seen == [first]
    assert [lesson.title for lesson in library.lessons if lesson.path == first] == ["Changed by hand"]
    assert len(library.lessons) == len(load_library(bundled_lessons_dir()).lessons)


def test_an_index_beside_lessons_that_are_not_bundled_is_never_read(tmp_path: Path) -> None:
    """A stranger's pack could ship an index saying anything of its files: only its files count."""
    pack = tmp_path / "pack"
    shutil.copytree(bundled_lessons_dir(), pack)
    index = pack / BUNDLED_INDEX
    index.write_text(index.read_text(encoding="utf-8").replace('"title": "', '"title": "FROM THE INDEX '),
                     encoding="utf-8")
    library = load_library(pack, cache_file=tmp_path / "cache.json")
    assert library.lessons
    assert not [lesson.title for lesson in library.lessons if "FROM THE INDEX" in lesson.title]
