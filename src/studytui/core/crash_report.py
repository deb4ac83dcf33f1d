"""A crash report: the traceback of an unexpected error, written where the learner can find it.

Readable by the learner only (mode 0600), with every secret studytui recognises redacted (a
server's token in the command line or in an error's message: see `redact`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from studytui.core.files import unused_path, write_text_atomic
from studytui.core.redact import redact


def write_crash_report(folder: Path, error: BaseException) -> Path | None:
    """Write `crash-<time>.txt` with the traceback into `folder`; None when nothing could be written."""
    import platform  # here, not at start-up: only a crash needs them
    import traceback

    lines = [
        f"studytui {_version('studytui')} crashed at {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"python {platform.python_version()} on {platform.platform()}; textual {_version('textual')}",
        f"command: {' '.join(sys.argv)}",
        "",
        *traceback.format_exception(error),
    ]
    path = unused_path(folder, "crash", ".txt")
    try:
        report = "\n".join(line.rstrip("\n") for line in lines) + "\n"
        write_text_atomic(path, redact(report), mode=0o600)
    except OSError:
        return None
    return path


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "(unknown version)"
