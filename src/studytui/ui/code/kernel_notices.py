"""What the code pane says about a kernel started elsewhere (--existing): only what really works.

studytui cannot restart a kernel it did not start, so the way back is to start it again where it
runs and attach again (f9), or to let studytui start a kernel of its own.
"""

from __future__ import annotations

from pathlib import Path

ATTACH_AGAIN_KEY = "f9"


def attach_failed_notice(connection_file: Path, error: Exception) -> str:
    return (
        f"Could not attach to the kernel of {connection_file}: {error}. Is that kernel still running? "
        f"Start it again where it runs, then press {ATTACH_AGAIN_KEY} to attach again; or quit (ctrl+q) "
        "and start studytui without --existing to get a kernel of its own."
    )


def attached_kernel_lost_notice() -> str:
    return (
        "The attached kernel stopped answering (it runs elsewhere: studytui cannot restart it). "
        f"Start it again where it runs and press {ATTACH_AGAIN_KEY} to attach again; or quit (ctrl+q) and "
        "start studytui without --existing to get a kernel of its own."
    )
