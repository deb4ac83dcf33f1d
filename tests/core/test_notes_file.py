"""The notes file on disk: kept copies, permissions, symlinks, files that must not be written."""

from __future__ import annotations

import os
import stat

import pytest

from studytui.core.notes import NotesFile, NotesReadOnly


def notes_in(root, name="l.md", template="# L\n"):
    return NotesFile(root / name, template, root=root)


def test_copies_kept_in_the_same_second_never_overwrite_each_other(tmp_path):
    notes = notes_in(tmp_path)
    notes.read()
    versions = []
    for n in range(3):
        other = f"another program's version {n}\n"
        (tmp_path / "l.md").write_text(other, encoding="utf-8")
        versions.append(other)
        outcome = notes.save(f"mine {n}\n")
        assert outcome.kept_other_version is not None
    kept = sorted(tmp_path.glob("l.from-disk-*.md"))
    assert len(kept) == 3
    assert sorted(p.read_text(encoding="utf-8") for p in kept) == versions
    assert (tmp_path / "l.md").read_text(encoding="utf-8") == "mine 2\n"


def test_saving_keeps_the_files_permission_bits(tmp_path):
    path = tmp_path / "l.md"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o644)
    notes = notes_in(tmp_path)
    notes.read()
    notes.save("new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o640)
    notes.save("newer\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    os.umask(old)
    notes = notes_in(tmp_path)
    notes.read()
    notes.save("first\n")
    assert stat.S_IMODE((tmp_path / "l.md").stat().st_mode) == 0o666 & ~old


def test_a_symlink_inside_the_workspace_is_written_through(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "notes.md"
    target.write_text("old\n", encoding="utf-8")
    (tmp_path / "l.md").symlink_to(target)
    notes = notes_in(tmp_path)
    assert notes.read() == "old\n"
    notes.save("through the link\n")
    assert (tmp_path / "l.md").is_symlink(), "the link stays a link"
    assert target.read_text(encoding="utf-8") == "through the link\n"


def test_a_symlink_out_of_the_workspace_is_refused(tmp_path):
    root = tmp_path / "notes"
    root.mkdir()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not the learner's notes\n", encoding="utf-8")
    (root / "l.md").symlink_to(outside)
    notes = notes_in(root)
    with pytest.raises(NotesReadOnly, match="outside the notes folder"):
        notes.read()
    with pytest.raises(NotesReadOnly):
        notes.save("would overwrite another file\n")
    assert outside.read_text(encoding="utf-8") == "not the learner's notes\n"


def test_undecodable_notes_are_read_only_and_never_written(tmp_path):
    path = tmp_path / "l.md"
    path.write_bytes(b"# notes\n\xff\xfe latin-1 caf\xe9\n")
    notes = notes_in(tmp_path)
    with pytest.raises(NotesReadOnly, match="not UTF-8") as refused:
        notes.read()
    assert "# notes" in refused.value.text and "\ufffd" in refused.value.text
    with pytest.raises(NotesReadOnly):
        notes.save("anything\n")
    assert path.read_bytes() == b"# notes\n\xff\xfe latin-1 caf\xe9\n"


def test_undecodable_bytes_written_while_open_are_reported_not_overwritten(tmp_path):
    path = tmp_path / "l.md"
    path.write_text("fine\n", encoding="utf-8")
    notes = notes_in(tmp_path)
    notes.read()
    path.write_bytes(b"\xc3\x28 broken by another program\n")
    with pytest.raises(NotesReadOnly):
        notes.changed_on_disk()
    with pytest.raises(NotesReadOnly):
        notes.save("mine\n")
    assert path.read_bytes() == b"\xc3\x28 broken by another program\n"


def test_a_folder_where_the_notes_file_should_be_is_reported(tmp_path):
    (tmp_path / "l.md").mkdir()
    with pytest.raises(NotesReadOnly, match="folder"):
        notes_in(tmp_path).read()


def test_the_version_read_tells_whether_the_text_changed(tmp_path):
    path = tmp_path / "l.md"
    path.write_text("one\n", encoding="utf-8")
    notes = notes_in(tmp_path)
    notes.read()
    first = notes.version
    assert first is not None and first.same_text(notes.disk_version())
    path.write_text("two\n", encoding="utf-8")
    assert not first.same_text(notes.disk_version())
