"""A lesson's notes file on disk, saved so that nobody's text is ever silently lost.

If another program (an editor, a sync tool) changed the file since we last read or wrote it,
its version is kept beside ours as `<name>.from-disk-<time>.md` before ours is written. A file
that is not UTF-8 text, a folder, a FIFO, a device, a symlink leading out of the notes folder, a
file larger than LARGEST_NOTES or with a line longer than LONGEST_LINE is never written: it is
shown read-only, with the reason (the editor's soft wrap redraws a whole line at every key: seven
keys typed beside a 10 MB line took over 45 s to show).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from studytui.config import OutsideWorkspace, path_inside
from studytui.core.files import (
    FileTooLarge,
    RefusedFile,
    describe_size,
    read_regular_bytes,
    read_regular_head,
    unused_path,
    write_text_atomic,
)

# Past these a notes file opens read-only (see bench/bench_long_lines.py for what they cost):
LARGEST_NOTES = 2 * 1024 * 1024  # bytes
LONGEST_LINE = 10_000  # characters
SHOWN_OF_A_LONG_LINE = 1_000  # characters of a longer line the read-only view shows


@dataclass(frozen=True)
class SaveOutcome:
    path: Path
    written: bool
    kept_other_version: Path | None = None


@dataclass(frozen=True)
class DiskVersion:
    """Which text a file held: enough to tell whether another program changed it since."""

    mtime_ns: int
    size: int
    sha256: str

    def same_text(self, other: DiskVersion | None) -> bool:
        return other is not None and other.sha256 == self.sha256

    def as_dict(self) -> dict[str, int | str]:
        return {"mtime_ns": self.mtime_ns, "size": self.size, "sha256": self.sha256}

    @classmethod
    def from_dict(cls, data: object) -> DiskVersion | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["mtime_ns"]), int(data["size"]), str(data["sha256"]))
        except (KeyError, TypeError, ValueError):
            return None


class NotesReadOnly(OSError):
    """The notes file must not be written: `reason` says why, `text` is what can be shown of it.

    An OSError, so a caller that reports failed reads and writes reports this too."""

    def __init__(self, path: Path, reason: str, text: str = "") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.text = text


class NotesFile:
    def __init__(self, path: Path, template: str, root: Path | None = None) -> None:
        self.path = path
        self.template = template
        self.root = root  # the notes folder: writes never land outside it, even through a symlink
        self._known: str | None = None  # the text on disk when we last read or wrote it
        self._known_stat: tuple[int, int] | None = None  # (mtime_ns, size) then
        self.version: DiskVersion | None = None  # the file's version when we last read or wrote it

    def read(self) -> str:
        """The notes on disk, or the template for a lesson without notes yet (not written until saved).

        Raises NotesReadOnly for a file that must not be written (not UTF-8, a folder, a FIFO, a
        symlink out of the notes folder, too large, a line too long); its `text` is what can be
        shown of the file (decoded with replacement characters, long lines cut).
        """
        self._check_writable_place()
        data = self._disk_bytes()
        if data is None:
            self._known = None
            self.version = None
            return self.template
        text = self._decode(data)
        self._check_lines(text)
        self._known = text
        self._known_stat = self._stat()
        self.version = self._version_of(data)
        return text

    def disk_version(self) -> DiskVersion | None:
        """The version on disk now (None when there is no file)."""
        try:
            data = self._disk_bytes()
        except NotesReadOnly:
            return None
        return None if data is None else self._version_of(data)

    def _version_of(self, data: bytes) -> DiskVersion:
        mtime_ns, size = self._stat() or (0, len(data))
        return DiskVersion(mtime_ns, size, hashlib.sha256(data).hexdigest())

    def _stat(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def _check_writable_place(self) -> Path:
        """Where writing the notes lands: the file, or the target of a link inside the notes folder."""
        if self.root is None:
            return self.path
        try:
            relative = self.path.relative_to(self.root)
            return path_inside(self.root, *relative.parts).resolve()
        except (ValueError, OutsideWorkspace):
            target = self.path.resolve()
            raise NotesReadOnly(
                self.path, f"it leads to {target}, outside the notes folder {self.root}"
            ) from None

    def _disk_bytes(self) -> bytes | None:
        try:
            return read_regular_bytes(self.path, limit=LARGEST_NOTES)
        except FileNotFoundError:
            return None
        except FileTooLarge as error:
            reason = (f"it is {describe_size(error.size)}, more than the {describe_size(LARGEST_NOTES)} "
                      "studytui edits")
            raise NotesReadOnly(self.path, reason, self._head_shown(error.size)) from None
        except RefusedFile as error:
            raise NotesReadOnly(self.path, error.reason) from None
        except OSError as error:
            raise NotesReadOnly(self.path, f"it cannot be read ({error.strerror or error})") from None

    def _head_shown(self, size: int) -> str:
        """The start of a file too large to edit, long lines cut, with what is left out."""
        try:
            head = read_regular_head(self.path, LARGEST_NOTES)
        except OSError:
            return ""
        rest = f"\n\n… [the rest of the file, {describe_size(size - len(head))}, is not shown]\n"
        return cut_long_lines(head.decode("utf-8", errors="replace")) + rest

    def _check_lines(self, text: str) -> None:
        """NotesReadOnly when a line is longer than the editor types into quickly."""
        longest = max(map(len, text.split("\n")))
        if longest <= LONGEST_LINE:
            return
        row = next(row for row, line in enumerate(text.split("\n")) if len(line) == longest)
        raise NotesReadOnly(
            self.path,
            f"line {row + 1} is {longest:,} characters long, more than the {LONGEST_LINE:,} studytui edits "
            "(typing beside a longer line is slow)",
            cut_long_lines(text),
        )

    def _decode(self, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise NotesReadOnly(
                self.path,
                f"it is not UTF-8 text (byte {error.start} cannot be read)",
                data.decode("utf-8", errors="replace"),
            ) from None

    def changed_on_disk(self) -> str | None:
        """The file's new text if another program changed it since we last read or wrote it.

        Raises NotesReadOnly when the other program left something we must not write over.
        """
        stat = self._stat()
        if stat == self._known_stat:
            return None
        self._known_stat = stat
        text = self._disk_text()
        if text is None or text == self._known:
            return None
        self._check_lines(text)
        return text

    def accept_disk_text(self, text: str) -> None:
        """The learner's buffer now holds the disk's version."""
        self._known = text
        self.version = self._version_of(text.encode("utf-8"))

    def distrust_disk(self) -> None:
        """Treat the file's text as another program's: the next save keeps it beside ours."""
        self._known = None

    def _disk_text(self) -> str | None:
        data = self._disk_bytes()
        return None if data is None else self._decode(data)

    def keep_disk_copy(self) -> Path | None:
        """Copy the file's current text beside it (a name no other copy has); None when there is no file."""
        text = self._disk_text()
        if text is None:
            return None
        kept = unused_path(self.path.parent, f"{self.path.stem}.from-disk", self.path.suffix)
        write_text_atomic(kept, text)
        self._known = text  # the disk's text is safe now: saving over it keeps no second copy
        return kept

    def save(self, text: str) -> SaveOutcome:
        """Write `text` atomically. Raises OSError when the disk refuses (the caller keeps the text)
        and NotesReadOnly when the file became something that must not be written over."""
        target = self._check_writable_place()
        on_disk = self._disk_text()
        kept = None
        if on_disk is not None and on_disk != self._known and on_disk != text:
            kept = self.keep_disk_copy()
        if on_disk == text:
            self._known = text
            self.version = self._version_of(text.encode("utf-8"))
            return SaveOutcome(self.path, written=False, kept_other_version=kept)
        write_text_atomic(target, text)
        self._known = text
        self._known_stat = self._stat()
        self.version = self._version_of(text.encode("utf-8"))
        return SaveOutcome(self.path, written=True, kept_other_version=kept)


def cut_long_lines(text: str) -> str:
    """`text` with each line longer than LONGEST_LINE cut to its start and what was left out:
    for showing only, never for writing."""
    if max(map(len, text.split("\n"))) <= LONGEST_LINE:
        return text
    return "\n".join(
        line if len(line) <= LONGEST_LINE
        else f"{line[:SHOWN_OF_A_LONG_LINE]} … [{len(line) - SHOWN_OF_A_LONG_LINE:,} more characters not shown]"
        for line in text.split("\n")
    )
