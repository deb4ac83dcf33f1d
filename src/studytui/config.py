"""Where things live: the lessons folder, the notes folder (the learner's workspace), the state file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

NOTES_ENV = "STUDYTUI_NOTES"
KERNEL_ENV = "STUDYTUI_KERNEL"


def bundled_lessons_dir() -> Path:
    """The curriculum shipped inside the package (or the repository's `lessons/` in a source checkout)."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "lessons"
    if installed.is_dir():
        return installed
    return package_dir.parents[1] / "lessons"


def default_lessons_dir(cwd: Path | None = None) -> Path:
    """`./lessons` when the current folder has lesson files, else the bundled curriculum."""
    local = (cwd or Path.cwd()) / "lessons"
    if local.is_dir() and any(local.rglob("*.md")):
        return local
    return bundled_lessons_dir()


def default_notes_dir() -> Path:
    configured = os.environ.get(NOTES_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_documents_dir()) / "studytui"


@dataclass(frozen=True)
class Settings:
    lessons_dir: Path
    notes_dir: Path
    kernel_name: str = "python3"

    @property
    def state_path(self) -> Path:
        return self.notes_dir / ".studytui" / "state.json"

    @property
    def kernel_log_path(self) -> Path:
        return self.notes_dir / ".studytui" / "kernel.log"

    def notes_path(self, lesson_id: str) -> Path:
        return self.notes_dir / f"{lesson_id}.md"
