"""Shared fixtures: a small lessons folder, an isolated home for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLE_LESSON = """\
---
id: sample-micrograd
title: Sample micrograd
course: Sample course
video: https://www.youtube.com/watch?v=VMj-3S1tku0
duration: "2:25:52"
order: 1
---
Build a tiny autograd engine.

## 00:00:00 intro
What we will build.

## 00:08:08 derivative of a simple function
Slope by nudging the input.

## 00:19:09 the Value object
A number that remembers how it was made.
"""

SECOND_LESSON = """\
---
id: sample-bigrams
title: Sample bigrams
course: Sample course
duration: "1:57:45"
order: 2
---
## 00:00:00 intro
Counting pairs of letters.

## 00:12:45 counting in a tensor
A 27 by 27 table.
"""

BROKEN_LESSON = """\
---
title: Broken lesson
course: Sample course
duration: "10:00"
---
## 00:61:00 a time that cannot be
"""


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Keep every test away from the real home, documents and config folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DOCUMENTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("STUDYTUI_NOTES", raising=False)
    return home


@pytest.fixture
def lessons_dir(tmp_path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    (folder / "02-bigrams.md").write_text(SECOND_LESSON, encoding="utf-8")
    return folder


@pytest.fixture
def notes_dir(tmp_path) -> Path:
    return tmp_path / "notes"
