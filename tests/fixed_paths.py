"""A folder at a fixed path (it shows on a snapshot), used by one test at a time.

Tests run side by side (pytest-xdist's workers, or another checkout's suite on the same machine)
would otherwise empty and refill the same folder under each other."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def only_user_of(folder: Path) -> Iterator[None]:
    """Hold `folder` for the block: a second holder, in any process, waits until the first is done."""
    with open(folder.with_name(folder.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
