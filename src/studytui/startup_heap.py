"""Garbage collection at launch: off while the screen is built, then the start-up heap frozen.

Importing the kernel client, Textual and the lessons leaves a large heap of objects that live as
long as the app. Python's cyclic collector walked all of them in full collections that came ~1 s
after launch and paused the screen for 70-100 ms, just as the learner's first cells answered.
Collection is off until the first screen is drawn; then everything alive is frozen out of the
collector's reach (``gc.freeze``) and collection resumes for what the session allocates.
"""

from __future__ import annotations

import gc


def hold_collection() -> None:
    """First thing at launch."""
    gc.disable()


def freeze_startup_heap() -> None:
    """Once the first screen is drawn."""
    gc.freeze()
    gc.enable()
