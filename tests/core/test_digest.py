"""The lesson digest: notes, open questions, bookmarks, code link, figures from the study log."""

from pathlib import Path

from studytui.config import Settings
from studytui.core.lessons import parse_lesson_text
from studytui.core.notes import write_digest
from studytui.core.review import unanswered_questions
from studytui.core.study import CELLS, NOTES, StudyLog
from tests.conftest import SAMPLE_LESSON


def lesson_with_notes(tmp_path, text: str):
    """The sample lesson, settings with a notes folder in tmp_path, and `text` as its notes file."""
    lesson = parse_lesson_text(SAMPLE_LESSON, tmp_path / "l.md")
    settings = Settings(lessons_dir=tmp_path, notes_dir=tmp_path / "notes")
    notes = settings.notes_path(lesson.id)
    notes.parent.mkdir()
    notes.write_text(text, encoding="utf-8")
    return lesson, settings, notes


def test_digest_gathers_questions_bookmarks_notes_and_figures(tmp_path):
    lesson, settings, notes = lesson_with_notes(
        tmp_path,
        "# Sample micrograd\n\n## 08:08 derivative\n\n- [09:00] slope is rise over run\n"
        "- [10:00] ? why does h need to be small\n- [11:00] (bookmark)\n\n```python\n# a comment\n```\n",
    )
    notes.with_suffix(".ipynb").write_text("{}", encoding="utf-8")
    log = StudyLog(settings.study_log_path)
    log.add_time(lesson.id, 2, 3600, 7200)
    log.set_count(lesson.id, NOTES, 3)
    log.bump(lesson.id, CELLS)
    log.mark_pass_done(lesson.id, 1)
    path = write_digest(settings, lesson, log)
    assert path == tmp_path / "notes" / "digests" / "sample-micrograd.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Digest: Sample micrograd\n")
    assert "Passes done: 1." in text and "Pass 2 time: 3:00:00 (1.2x the video)" in text
    assert "Notes: 3. Cells run: 1." in text
    open_questions = text.split("## Open questions")[1].split("##")[0]
    assert "[10:00](https://youtu.be/VMj-3S1tku0?t=600) ? why" not in open_questions
    assert "why does h need to be small" in open_questions and "slope" not in open_questions
    assert "## Bookmarks to revisit\n\n- [11:00](" in text
    assert "sample-micrograd.ipynb" in text
    assert "### 08:08 derivative" in text and "\n# a comment\n" in text, "headings demoted, code untouched"
    log.close()


def test_digest_of_a_lesson_without_notes(tmp_path):
    lesson = parse_lesson_text(SAMPLE_LESSON, Path("l.md"))
    settings = Settings(lessons_dir=tmp_path, notes_dir=tmp_path / "notes")
    text = write_digest(settings, lesson, StudyLog(settings.study_log_path)).read_text()
    assert "None: every question answered." in text and "No notes yet." in text
    assert "No cells recorded for this lesson yet." in text


def test_an_answered_question_leaves_the_digest_s_open_questions(tmp_path):
    lesson, settings, _ = lesson_with_notes(
        tmp_path,
        "# Sample micrograd\n\n- [10:00] ? why does h need to be small\n  rounding error takes over\n"
        "- [12:00] ? why does grad start at 0\n",
    )
    log = StudyLog(settings.study_log_path)
    text = write_digest(settings, lesson, log, open_questions=unanswered_questions).read_text(encoding="utf-8")
    open_questions = text.split("## Open questions")[1].split("##")[0]
    assert "why does grad start at 0" in open_questions
    assert "why does h need to be small" not in open_questions, "answered under it: a review card now"
    assert "rounding error takes over" in text.split("## Notes")[1], "the answer stays in the notes"
    log.close()
