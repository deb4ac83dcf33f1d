import os

import pytest

from studytui.core.files import write_text_atomic


def test_write_creates_folders_and_replaces(tmp_path):
    target = tmp_path / "a" / "b" / "notes.md"
    write_text_atomic(target, "one")
    write_text_atomic(target, "two ✓")
    assert target.read_text(encoding="utf-8") == "two ✓"
    assert [p.name for p in target.parent.iterdir()] == ["notes.md"]


class Boom(Exception):
    pass


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "notes.md"
    target.write_text("precious", encoding="utf-8")

    def failing_fsync(fd):
        raise Boom("disk full")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(Boom):
        write_text_atomic(target, "new text that never lands")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_raises_and_keeps_file(tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("precious", encoding="utf-8")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            write_text_atomic(target, "x")
    finally:
        tmp_path.chmod(0o700)
    assert target.read_text(encoding="utf-8") == "precious"


def test_a_symlink_is_replaced_not_followed_unless_the_caller_resolved_it(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    link = tmp_path / "state.json"
    link.symlink_to(outside)
    write_text_atomic(link, "{}")
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "{}"
    assert outside.read_text(encoding="utf-8") == "keep me"
