from studytui.core.notes import NotesJournal


def test_journal_round_trip_and_clear(tmp_path):
    journal = NotesJournal(tmp_path / "unsaved" / "l.md")
    assert journal.read() is None
    assert journal.write("- [00:01] typed")
    assert journal.write("- [00:01] typed more")
    assert journal.read() == "- [00:01] typed more"
    assert [p.name for p in journal.path.parent.iterdir()] == ["l.md"], "no temp file left behind"
    journal.clear()
    assert journal.read() is None
    journal.clear()  # clearing twice is fine


def test_journal_that_cannot_be_written_says_so(tmp_path):
    blocker = tmp_path / "unsaved"
    blocker.write_text("a file where the folder should be")
    journal = NotesJournal(blocker / "l.md")
    assert journal.write("text") is False
    assert journal.read() is None
