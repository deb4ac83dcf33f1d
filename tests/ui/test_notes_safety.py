"""Recovery never destroys; notes that must not be written are read-only; a damaged study log is kept aside."""

from __future__ import annotations

import sqlite3

import pytest

from studytui.core.notes import NotesFile, NotesJournal
from tests.ui.test_app import SIZE
from tests.ui.test_study import make_app, notes_on_disk, notified, quit_app
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

LESSON = "sample-micrograd"


def journal_of(notes_dir) -> NotesJournal:
    return NotesJournal(notes_dir / ".studytui" / "unsaved", LESSON)


def journal_typed_over(notes_dir, on_disk: str, typed: str) -> None:
    """What a kill -9 leaves: `typed` in the journal, typed over the notes file holding `on_disk`."""
    notes_dir.mkdir(parents=True, exist_ok=True)
    path = notes_dir / f"{LESSON}.md"
    path.write_text(on_disk, encoding="utf-8")
    base = NotesFile(path, "", root=notes_dir)
    base.read()
    journal_of(notes_dir).write(typed, base.version)


async def test_recovery_over_a_file_changed_since_keeps_both_texts(lessons_dir, notes_dir):
    path = notes_dir / f"{LESSON}.md"
    journal_typed_over(
        notes_dir,
        "# Sample micrograd\n\n- [00:01] saved before the crash\n",
        "# Sample micrograd\n\n- [00:01] typed after the last save\n",
    )
    path.write_text("# Sample micrograd\n\n- [00:01] edited in another editor meanwhile\n", encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: notified(app, "both versions kept") or notified(app, "changed by another program"),
                    3, "the learner is told")
        await until(lambda: "typed after the last save" in notes_on_disk(notes_dir), 3, "recovered text saved")
        (kept,) = notes_dir.glob(f"{LESSON}.from-disk-*.md")
        assert "edited in another editor meanwhile" in kept.read_text(encoding="utf-8")
        assert notified(app, kept.name)
        await until(lambda: not journal_of(notes_dir).path.exists(), 3, "journal cleared")
        await quit_app(app, pilot)


async def test_recovery_over_the_same_version_keeps_no_copy(lessons_dir, notes_dir):
    journal_typed_over(
        notes_dir, "# Sample micrograd\n", "# Sample micrograd\n\n- [00:01] typed after the last save\n"
    )
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "typed after the last save" in notes_on_disk(notes_dir), 3, "recovered text saved")
        assert not list(notes_dir.glob("*.from-disk-*"))
        await quit_app(app, pilot)


async def test_every_frame_of_the_notes_is_in_the_journal_before_it_is_drawn(lessons_dir, notes_dir):
    """kill -9 right after a key appears loses nothing: the journal is written before the frame."""
    app = make_app(lessons_dir, notes_dir, start_pass=2)
    async with app.run_test(size=SIZE) as pilot:
        editor, pane = app.study_screen.notes.editor, app.study_screen.notes
        drawn_but_not_journaled: list[str] = []
        draw = editor.render_lines

        def draw_and_check(crop):
            strips = draw(crop)
            entry = journal_of(notes_dir).read()
            if editor.text != pane.store.saved_text and (entry is None or entry.text != editor.text):
                drawn_but_not_journaled.append(editor.text.splitlines()[-1])
            return strips

        editor.render_lines = draw_and_check
        await pilot.press("f3", "ctrl+n", *"farewell")
        await until(lambda: "farewell" in notes_on_disk(notes_dir), 3, "the note saved")
        await pilot.press(*"x", "backspace")  # typed back to what is saved: nothing left to recover
        await until(lambda: "farewellx" not in editor.text, 3, "the key erased")
        assert not journal_of(notes_dir).path.exists()
        assert drawn_but_not_journaled == []
        await quit_app(app, pilot)


async def test_undecodable_notes_open_read_only_and_stay_untouched(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    path = notes_dir / f"{LESSON}.md"
    original = b"# Sample micrograd\n\n- [00:01] caf\xe9 in latin-1\n"
    path.write_bytes(original)
    app = make_app(lessons_dir, notes_dir, start_pass=2)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: notified(app, "not UTF-8"), 3, "the message")
        assert app.study_screen.notes.editor.read_only
        assert "in latin-1" in app.study_screen.notes.editor.text
        await pilot.press("f3", *"typed", "ctrl+n")
        await pilot.pause()
        await quit_app(app, pilot)
    assert path.read_bytes() == original


async def test_bytes_another_program_breaks_while_open_are_never_overwritten(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, start_pass=2)
    path = notes_dir / f"{LESSON}.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"mine")
        await until(lambda: "mine" in notes_on_disk(notes_dir), 3, "first save")
        broken = b"\xc3\x28 written by another program\n"
        path.write_bytes(broken)
        await pilot.press(*" and more")  # unsaved text over a file that must not be written
        await until(lambda: notified(app, "not UTF-8"), 5, "the message")
        assert app.study_screen.notes.editor.read_only and "mine and more" in app.study_screen.notes.editor.text
        await quit_app(app, pilot)
    assert path.read_bytes() == broken


async def test_a_folder_as_notes_path_is_reported(lessons_dir, notes_dir):
    (notes_dir / f"{LESSON}.md").mkdir(parents=True)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: notified(app, "it is a folder"), 3, "the message")
        await quit_app(app, pilot)


async def test_a_symlink_out_of_the_notes_folder_is_refused_with_a_message(lessons_dir, notes_dir, tmp_path):
    notes_dir.mkdir(parents=True, exist_ok=True)
    outside = tmp_path / "unrelated.txt"
    outside.write_text("someone else's file\n", encoding="utf-8")
    (notes_dir / f"{LESSON}.md").symlink_to(outside)
    app = make_app(lessons_dir, notes_dir, start_pass=2)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: notified(app, "outside the notes folder"), 3, "the message")
        await pilot.press("f3", "ctrl+n", *"x")
        await pilot.pause()
        await quit_app(app, pilot)
    assert outside.read_text(encoding="utf-8") == "someone else's file\n"


async def test_a_damaged_study_log_is_kept_aside_with_a_notice(lessons_dir, notes_dir):
    log_path = notes_dir / ".studytui" / "study-log.sqlite"
    log_path.parent.mkdir(parents=True, exist_ok=True)  # the fixture left a study log there
    log_path.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8000)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: notified(app, "was damaged"), 3, "the notice")
        assert list(log_path.parent.glob("study-log.damaged-*.sqlite"))
        await quit_app(app, pilot)
    assert sqlite3.connect(log_path).execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
