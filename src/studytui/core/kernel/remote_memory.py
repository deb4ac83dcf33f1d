"""Which kernel studytui left running on which server, so the next launch re-attaches to it; and
which kernel it started to shut down on quit, so one left running by a studytui that could not quit
(killed, power lost) is shut down by the next launch instead of holding the server's memory."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from studytui.core.files import read_json, write_text_atomic

if TYPE_CHECKING:  # the server API (tornado) is imported only when a server is used
    from studytui.core.kernel.server_api import ServerApi


STARTED = "_started"  # the key of {base URL: kernel} for kernels to be shut down on quit (not a URL)


class RemoteKernelMemory:
    """A small JSON file: server base URL (never a token) -> id of the kernel left running there;
    under ``_started``, base URL -> id of the kernel a running studytui will shut down on quit."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def recall(self, base_url: str) -> str | None:
        kernel_id = self._read().get(base_url)
        return kernel_id if isinstance(kernel_id, str) and kernel_id else None

    def remember(self, base_url: str, kernel_id: str) -> None:
        entries = self._read()
        entries[base_url] = kernel_id
        self._write(entries)

    def forget(self, base_url: str) -> None:
        entries = self._read()
        if entries.pop(base_url, None) is not None:
            self._write(entries)

    def started(self, base_url: str) -> str | None:
        """The kernel a studytui started on this server and has not shut down yet."""
        started = self._read().get(STARTED)
        kernel_id = started.get(base_url) if isinstance(started, dict) else None
        return kernel_id if isinstance(kernel_id, str) and kernel_id else None

    def note_started(self, base_url: str, kernel_id: str | None) -> None:
        """Note the kernel started here (to be shut down on quit), or with None that none is left."""
        entries = self._read()
        started = entries.get(STARTED)
        started = dict(started) if isinstance(started, dict) else {}
        if kernel_id is None:
            if started.pop(base_url, None) is None:
                return
        else:
            started[base_url] = kernel_id
        entries[STARTED] = started
        self._write(entries)

    def _read(self) -> dict[str, object]:
        try:
            data = read_json(self.path)
        except (OSError, ValueError):
            return {}  # no file yet, or unreadable: start a new kernel rather than fail
        return data if isinstance(data, dict) else {}

    def _write(self, entries: dict[str, object]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(entries, indent=2, sort_keys=True) + "\n")
        except OSError:
            pass  # losing this only means the next launch starts a fresh kernel


async def shut_down_left_behind(
    memory: RemoteKernelMemory, api: ServerApi, ours: str | None, log: logging.Logger
) -> str | None:
    """Shut down the kernel an earlier studytui started on this server and never shut down (it was
    killed, or the machine went down): the id shut down, or None. Never the kernel `ours`; a server
    that does not answer keeps the note, for the next launch."""
    from studytui.core.kernel.server_api import RemoteKernelError

    base_url = api.address.base_url
    left = memory.started(base_url)
    if left is None or left == ours:
        return None
    try:
        running = await api.kernel(left) is not None
        if running:
            await api.shutdown(left)
    except RemoteKernelError as error:
        log.warning("could not shut down kernel %s, left running by an earlier studytui: %s", left, error)
        return None
    memory.note_started(base_url, None)
    if running:
        log.warning("shut down kernel %s, left running by an earlier studytui", left)
        return left
    return None
