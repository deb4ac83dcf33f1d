"""A child process that ends when studytui dies, even by SIGKILL (Linux's parent-death signal)."""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def end_with_parent(signum: int) -> Callable[[], None] | None:
    """What a child runs before exec so that it gets `signum` when studytui dies; None if unavailable.

    The signal follows the death of the thread that starts the child, so it is only set up from
    the main thread (the event loop's, which lives as long as studytui). Elsewhere: None.
    """
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child only calls it
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def in_child() -> None:
        prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0)
        if os.getppid() != parent:  # studytui died before the line above took effect
            os._exit(1)

    return in_child
