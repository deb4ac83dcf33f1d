from studytui.core.notes import DiskVersion, NotesJournal

BASE = DiskVersion(mtime_ns=1, size=2, sha256="ab")


def test_journal_round_trip_and_clear(tmp_path):
    journal = NotesJournal(tmp_path / "unsaved", "l")
    assert journal.read() is None
    assert journal.write("- [00:01] typed", BASE)
    assert journal.write("- [00:01] typed more", BASE)
    entry = journal.read()
    assert entry is not None and entry.text == "- [00:01] typed more" and entry.base == BASE
    assert [p.name for p in journal.path.parent.iterdir()] == [journal.path.name], "no temp file left behind"
    journal.clear()
    assert journal.read() is None
    journal.clear()  # clearing twice is fine


def test_journal_that_cannot_be_written_says_so(tmp_path):
    blocker = tmp_path / "unsaved"
    blocker.write_text("a file where the folder should be")
    journal = NotesJournal(blocker, "l")
    assert journal.write("text", None) is False
    assert journal.read() is None


def test_journals_are_keyed_by_lesson_id_not_file_name(tmp_path):
    one = NotesJournal(tmp_path, "one/notes")
    two = NotesJournal(tmp_path, "two/notes")
    assert one.write("lesson one's text", None)
    assert two.read() is None, "lesson two never gets lesson one's text"
    assert one.read().text == "lesson one's text"


def test_a_journal_from_another_lesson_or_broken_is_ignored(tmp_path):
    journal = NotesJournal(tmp_path, "l")
    journal.path.parent.mkdir(parents=True, exist_ok=True)
    journal.path.write_text('{"lesson": "other", "base": null, "text": "not mine"}', encoding="utf-8")
    assert journal.read() is None
    journal.path.write_bytes(b"\xff\xfe not json")
    assert journal.read() is None
