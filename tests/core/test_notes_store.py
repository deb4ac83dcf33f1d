"""The notes store without a screen: when it saves, what it recovers, how it follows the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studytui.core.notes import NotesJournal, NotesStore
from studytui.core.notes import store as store_module


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(store_module.time, "monotonic", fake)
    return fake


def no_link(_seconds: float) -> str | None:
    return None


def opened(tmp_path: Path) -> tuple[NotesStore, Path]:
    store = NotesStore(tmp_path / "recovery", tmp_path / "journal", notes_root=tmp_path / "notes")
    path = tmp_path / "notes" / "lesson.md"
    change = store.open(path, "lesson", "A lesson", no_link)
    assert change.text == "# A lesson\n\n" and change.read_only is None and change.notices == []
    return store, path


def test_it_saves_after_a_quiet_moment_or_at_the_latest_a_little_later(tmp_path, clock):
    store, path = opened(tmp_path)
    assert store.tick() == (False, False), "nothing typed: nothing to save"
    store.edited()
    clock.now += 0.1
    assert store.tick()[1] is False, "still typing"
    clock.now += store_module.QUIET_BEFORE_SAVE
    assert store.tick()[1] is True, "a quiet moment"
    store.edited()  # typing on without a pause: saved anyway
    for _ in range(int(store_module.LONGEST_UNSAVED / 0.1) + 1):
        clock.now += 0.1
        store.edited()
    assert store.tick()[1] is True
    change = store.save("# A lesson\n\n- [00:05] a note\n")
    assert change is not None and change.saved == path and change.note_count == 1
    assert path.read_text(encoding="utf-8") == "# A lesson\n\n- [00:05] a note\n"
    assert store.save("# A lesson\n\n- [00:05] a note\n") is None, "unchanged: not written again"


def test_the_journal_holds_unsaved_text_and_is_recovered_at_the_next_open(tmp_path, clock):
    store, path = opened(tmp_path)
    store.keep_journal("# A lesson\n\n- [00:05] typed, never saved\n")
    again = NotesStore(tmp_path / "recovery", tmp_path / "journal", notes_root=tmp_path / "notes")
    change = again.open(path, "lesson", "A lesson", no_link)
    assert change.text == "# A lesson\n\n- [00:05] typed, never saved\n"
    assert [notice.title for notice in change.notices] == ["Notes recovered"]
    assert again.tick()[1] is True, "recovered text is saved at the next tick"
    assert again.save(change.text) is not None
    assert NotesJournal(tmp_path / "journal", "lesson").read() is None, "saved: nothing left to recover"


def test_a_clean_editor_follows_the_file_and_unsaved_text_is_kept(tmp_path, clock):
    store, path = opened(tmp_path)
    assert store.save("# A lesson\n\n- [00:05] mine\n") is not None
    path.write_text("# A lesson\n\n- [00:05] mine\n- [00:09] from another program\n", encoding="utf-8")
    os.utime(path, (1, 1))  # another program's write: another time as well as other text
    assert store.reload_if_changed("# A lesson\n\n- [00:05] mine, still typing\n") is None, "unsaved text stays"
    change = store.reload_if_changed("# A lesson\n\n- [00:05] mine\n")
    assert change is not None and change.text is not None and "from another program" in change.text
    assert "reloaded" in change.notices[0].message
