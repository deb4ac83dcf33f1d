"""The kernel session of one studytui launch, built from the settings; headless.

The command line builds it before importing the screen and calls ``launch_now()``, so the kernel
process boots while Textual is imported and the first screen is built; the app then connects.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from studytui.config import Settings
from studytui.core.kernel.session import KernelSession


def kernel_session_for(settings: Settings) -> KernelSession:
    """A session for the configured kernel (or ``--existing`` one), run in the notes folder."""
    return KernelSession(
        settings.kernel_name,
        cwd=kernel_workdir(settings),
        log_path=settings.kernel_log_path,
        existing=settings.existing_kernel,
    )


def kernel_workdir(settings: Settings) -> Path:
    """The notes folder (code reads and writes files beside the notes). Never the lessons folder or a
    folder inside it (every cell could import a pack's files), and never the current folder (often a
    cloned course): a new private folder when the notes folder cannot be made or lies in the pack."""
    try:
        settings.kernel_log_path.parent.mkdir(parents=True, exist_ok=True)
        if not settings.notes_dir.resolve().is_relative_to(settings.lessons_dir.resolve()):
            return settings.notes_dir
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="studytui-kernel-"))
