"""The lessons parsed at the last launch, kept on disk: the next launch parses only what changed, and
gets exactly what a fresh parse gives, whatever is in the cache file."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from studytui.config import default_lessons_dir
from studytui.core.lessons import load_library, parser
from tests.hostile import write_hostile_pack


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The lesson files parsed from now on (the real parser runs)."""
    seen: list[Path] = []
    real = parser.parse_lesson

    def parse_lesson(path: Path):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(parser, "parse_lesson", parse_lesson)
    return seen


def assert_same(library, expected) -> None:
    assert library == expected
    assert library.course_list == expected.course_list and library.problems == expected.problems
    assert library.broken == expected.broken


@pytest.mark.parametrize("pack", ["bundled", "hostile"])
def test_a_second_launch_parses_nothing_and_gets_the_same_library(tmp_path: Path, parses: list[Path], pack: str) -> None:
    root = default_lessons_dir() if pack == "bundled" else write_hostile_pack(tmp_path / "pack").root
    cache = tmp_path / "cache" / "lessons.json"
    expected = load_library(root)
    parses.clear()

    assert_same(load_library(root, cache_file=cache), expected)
    if pack == "bundled":
        assert parses == [], "the bundled curriculum's parses ship with it (test_lesson_index.py)"
    else:
        assert parses and cache.is_file()
    parses.clear()
    assert_same(load_library(root, cache_file=cache), expected)
    assert parses == [], "every file came from the cache"


def test_a_changed_file_is_parsed_again_and_the_others_are_not(tmp_path: Path, parses: list[Path]) -> None:
    root = tmp_path / "lessons"
    write_hostile_pack(root)
    cache = tmp_path / "lessons.json"
    load_library(root, cache_file=cache)
    edited = root / "hostile.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    (root / "new.md").write_text("---\nid: new\ntitle: New\ncourse: C\nduration: 60\n---\n## 0:10 A\n", encoding="utf-8")
    parses.clear()

    library = load_library(root, cache_file=cache)
    assert sorted(path.name for path in parses) == ["hostile.md", "new.md"]
    assert_same(library, load_library(root))
    assert library.find("new") is not None and library.find("hostile-lesson").title.startswith("Edited ")


def test_a_transcript_that_appears_clears_its_warning_though_the_lesson_is_unchanged(tmp_path: Path) -> None:
    root = tmp_path / "lessons"
    root.mkdir()
    (root / "one.md").write_text(
        "---\nid: one\ntitle: One\ncourse: C\nduration: 60\ntranscript: one.vtt\n---\n## 0:10 A\n", encoding="utf-8"
    )
    cache = tmp_path / "lessons.json"
    before = load_library(root, cache_file=cache).find("one")
    assert any("does not exist" in warning.message for warning in before.warnings)
    (root / "one.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n", encoding="utf-8")
    after = load_library(root, cache_file=cache).find("one")
    assert not any("does not exist" in warning.message for warning in after.warnings)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "\x00\xff garbage",
        lambda text: json.dumps([1, 2, 3]),
        lambda text: text.replace('"duration": 60.0', '"duration": "sixty"'),  # a field of the wrong type
        lambda text: text.replace('"title": "One"', '"title": "One", "extra": 1'),  # a field the model lacks
        lambda text: text.replace('"kind": "lesson"', '"kind": "exploit"'),
        lambda text: json.dumps({**json.loads(text), "version": "0.0|other"}),  # another studytui
        lambda text: json.dumps({**json.loads(text), "root": "/elsewhere"}),  # another folder
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path, parses: list[Path], damage) -> None:
    root = tmp_path / "lessons"
    root.mkdir()
    (root / "one.md").write_text("---\nid: one\ntitle: One\ncourse: C\nduration: 60\n---\n## 0:10 A\n", encoding="utf-8")
    cache = tmp_path / "lessons.json"
    load_library(root, cache_file=cache)
    damaged = damage(cache.read_text(encoding="utf-8"))
    assert damaged != cache.read_text(encoding="utf-8"), "the damage changed the file"
    cache.write_text(damaged, encoding="utf-8", errors="surrogateescape")
    expected = load_library(root)
    parses.clear()

    assert_same(load_library(root, cache_file=cache), expected)
    assert [path.name for path in parses] == ["one.md"], "parsed afresh"
    assert json.loads(cache.read_text(encoding="utf-8"))["root"] == str(root), "and the cache written again"


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(tmp_path: Path) -> None:
    root = default_lessons_dir()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert_same(load_library(root, cache_file=blocked / "lessons.json"), load_library(root))
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_cache_files_of_folders_unused_for_months_are_removed(tmp_path: Path) -> None:
    """When a folder's cache is written (not the bundled curriculum's: its parses ship with it)."""
    root = tmp_path / "own-lessons"
    root.mkdir()
    (root / "one.md").write_text("---\nid: one\ntitle: One\ncourse: C\nduration: 60\n---\n## 0:10 A\n", encoding="utf-8")
    caches = tmp_path / "lessons"
    caches.mkdir()
    old, recent = caches / "old.json", caches / "recent.json"
    for other in (old, recent):
        other.write_text("{}", encoding="utf-8")
    months_ago = time.time() - 100 * 86400
    os.utime(old, (months_ago, months_ago))

    load_library(root, cache_file=caches / "this.json")
    assert sorted(path.name for path in caches.iterdir()) == ["recent.json", "this.json"]
