"""`studytui export` finds the lesson meant (last studied, id prefix, title words, or says what it
could have been); `--help` never cuts a path in two."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.cli import main
from studytui.config import Settings, bundled_lessons_dir
from studytui.core.lessons import load_library, match_lesson
from studytui.core.study import StudyLog, StudyState


@pytest.fixture(scope="module")
def library():
    return load_library(bundled_lessons_dir())


def test_ids_match_by_unique_prefix_or_title_words_else_a_short_list(library):
    assert match_lesson(library, "zth-01-micrograd").lesson.id == "zth-01-micrograd"
    assert match_lesson(library, "zth-01").lesson.id == "zth-01-micrograd"
    assert match_lesson(library, "micrograd").lesson.id == "zth-01-micrograd"
    assert match_lesson(library, "building micrograd").lesson.id == "zth-01-micrograd"
    several = match_lesson(library, "zth")
    assert several.lesson is None and 1 < len(several.candidates) <= 5
    assert all(lesson.id.startswith("zth") for lesson in several.candidates)
    typo = match_lesson(library, "micrograt")
    assert typo.lesson is None or typo.lesson.id == "zth-01-micrograd"
    assert match_lesson(library, "qqqqqqqqqqqq").candidates == ()


def test_export_without_a_lesson_exports_the_last_one_studied(tmp_path, capsys):
    notes = tmp_path / "notes"
    settings = Settings(lessons_dir=bundled_lessons_dir(), notes_dir=notes)
    assert main(["export", "--notes", str(notes)]) == 2
    assert "no lesson studied yet" in capsys.readouterr().err

    log = StudyLog(settings.study_log_path)
    state = StudyState.load(log)
    state.opened("zth-02-makemore-bigrams")
    state.remember("zth-02-makemore-bigrams", 12.0)
    state.save()
    log.close()
    assert main(["export", "--notes", str(notes)]) == 0
    written = capsys.readouterr().out.strip()
    assert written.endswith(".md") and "zth-02-makemore-bigrams" in written
    assert "makemore" in Path(written).read_text(encoding="utf-8").lower()

    assert main(["export", "zth", "--notes", str(notes)]) == 2
    err = capsys.readouterr().err
    assert "Did you mean:" in err and "zth-01-micrograd" in err and err.count("\n  ") <= 5


def test_help_never_cuts_a_path_mid_word(tmp_path, capsys, monkeypatch):
    deep = tmp_path / "a-rather-long-folder-name" / "with-more-parts-than-fit-on-one-line" / "notes"
    monkeypatch.setenv("STUDYTUI_NOTES", str(deep))
    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert str(deep) in out.replace("\n", " "), out
    assert all(str(deep) in line for line in out.splitlines() if "with-more-parts" in line)


def test_every_command_finds_a_lesson_of_the_learners_own_courses(tmp_path, capsys, monkeypatch):
    notes = tmp_path / "notes"
    course = notes / "courses" / "my-talks"
    course.mkdir(parents=True)
    (course / "course.md").write_text("---\nid: my-talks\ntitle: My talks\n---\n", encoding="utf-8")
    (course / "attention.md").write_text(
        "---\nid: my-talks-01-attention\ntitle: Attention, slowly\ncourse: My talks\norder: 1\n"
        "video: https://example.invalid/watch?v=abc\nduration: \"10:00\"\n---\n\n## 00:00 Start\n",
        encoding="utf-8",
    )
    (notes / "my-talks-01-attention.md").write_text(
        "# Attention, slowly\n\n## 00:00 Start\n\n- [00:10] query :: what a token looks for\n", encoding="utf-8"
    )
    monkeypatch.setenv("HOME", str(tmp_path))  # the Anki export's config and cache stay in the test

    assert main(["export", "attention slowly", "--notes", str(notes)]) == 0
    written = capsys.readouterr().out.strip()
    assert written.endswith(".md") and "Attention, slowly" in open(written, encoding="utf-8").read()

    deck = tmp_path / "talks.apkg"
    assert main(["export", "--anki", "my-talks-01", "--notes", str(notes), "-o", str(deck)]) == 0
    assert deck.is_file() and "1 card from 1 lesson" in capsys.readouterr().out
