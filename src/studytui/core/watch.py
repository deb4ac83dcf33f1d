"""Watching a folder for saved files: watchdog events bridged into asyncio, debounced.

Editors save in different ways: writing in place (modified, then closed), or writing a temp file
and renaming it over the original (moved, whose destination counts) or creating it anew. All
count as a save. Events come from watchdog's thread and are handed to the asyncio loop; a file is
reported once its events have been quiet for `debounce` seconds (about 200 ms), in one batch.
Files the app wrote itself are not reported back while their content is what the app wrote.
Where inotify (or the platform's native API) does not work, a PollingObserver takes over.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from studytui.core.files import read_regular_bytes

DEBOUNCE = 0.2  # seconds of quiet before a changed file is reported
POLL_INTERVAL = 0.5  # seconds between scans when polling
_SAVE_EVENTS = frozenset({"created", "modified", "moved", "closed", "deleted"})


class FolderWatcher:
    """Report changed files under `folder` whose names end with one of `suffixes`.

    `on_change` is called on the asyncio loop with the set of changed paths (deleted ones
    included: check whether they exist).
    """

    def __init__(
        self,
        folder: Path,
        on_change: Callable[[set[Path]], None],
        suffixes: Iterable[str] = (".md",),
        debounce: float = DEBOUNCE,
        polling: bool = False,
    ) -> None:
        self.folder = Path(folder)
        self._on_change = on_change
        self._suffixes = tuple(suffixes)
        self._debounce = debounce
        self._polling = polling
        self._observer: BaseObserver | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending: set[Path] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._own: dict[Path, str] = {}  # path -> digest of what the app wrote there
        self.polling = polling  # True once a PollingObserver is in use

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Start watching; changes are reported on `loop` (default: the running one, when called on
        it). Falls back to polling if the native observer fails."""
        self._loop = loop or asyncio.get_running_loop()
        self.folder.mkdir(parents=True, exist_ok=True)
        handler = _Bridge(self._wants, self._from_thread)
        if not self._polling:
            try:
                observer: BaseObserver = Observer()
                observer.schedule(handler, str(self.folder), recursive=True)
                observer.start()
                self._observer = observer
                return
            except (OSError, RuntimeError):
                pass  # inotify limits, network filesystems: poll instead
        observer = PollingObserver(timeout=POLL_INTERVAL)
        observer.schedule(handler, str(self.folder), recursive=True)
        observer.start()
        self._observer = observer
        self.polling = True

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            with contextlib.suppress(RuntimeError):
                observer.join(timeout=2)

    def ignore_own_write(self, path: Path, text: str) -> None:
        """The app is writing `text` to `path`: do not report it back while it still holds that."""
        self._own[Path(path)] = _digest(text.encode("utf-8"))

    def _wants(self, path: str) -> bool:
        name = Path(path).name
        return name.endswith(self._suffixes) and not name.startswith(".")

    def _from_thread(self, path: Path) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed between the check and the call
            loop.call_soon_threadsafe(self._touch, path)

    def _touch(self, path: Path) -> None:
        self._pending.add(path)
        if self._timer is not None:
            self._timer.cancel()
        assert self._loop is not None
        self._timer = self._loop.call_later(self._debounce, self._flush)

    def _flush(self) -> None:
        self._timer = None
        changed, self._pending = self._pending, set()
        reported = {path for path in changed if not self._is_own(path)}
        if reported and self._observer is not None:
            self._on_change(reported)

    def _is_own(self, path: Path) -> bool:
        digest = self._own.get(path)
        if digest is None:
            return False
        try:
            current = _digest(read_regular_bytes(path))  # a FIFO put there must not block the loop
        except OSError:
            current = None
        if current == digest:
            return True
        del self._own[path]  # the learner changed it since: from now on it is theirs
        return False


class _Bridge(FileSystemEventHandler):
    def __init__(self, wants: Callable[[str], bool], saved: Callable[[Path], None]) -> None:
        self._wants = wants  # the watcher's
        self._saved = saved

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in _SAVE_EVENTS:
            return
        paths = [event.src_path]
        if event.event_type == "moved":
            paths = [event.dest_path, event.src_path]  # a rename into place is a save
        for raw in paths:
            path = raw.decode() if isinstance(raw, bytes) else str(raw)
            if path and self._wants(path):
                self._saved(Path(path))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
