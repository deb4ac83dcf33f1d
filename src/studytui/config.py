"""Where things live: the lessons folder, the notes folder (the learner's workspace) and every
path studytui reads or writes in it. No other module spells a workspace path."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from studytui.core.files import read_regular_bytes

NOTES_ENV = "STUDYTUI_NOTES"
KERNEL_ENV = "STUDYTUI_KERNEL"

# The notes folder: the learner's files.
EXERCISES_FOLDER = "exercises"  # exercises/<lesson id>/<exercise id>.py
OUTPUTS_FOLDER = "outputs"  # outputs/<lesson id>/: the cells' images and spilled output
TRANSCRIPTS_FOLDER = "transcripts"  # transcripts/<lesson id>.<language>.vtt: `studytui transcript fetch` writes there
DIGESTS_FOLDER = "digests"  # digests/<lesson id>.md: `studytui export`
# The app's own folder in it, and what is inside.
WORKSPACE_FOLDER = ".studytui"
HISTORY_FOLDER = "history"  # history/<lesson id>.json: the code cell's input history
JOURNAL_FOLDER = "unsaved"  # the keystroke journal of notes not saved yet
REFUSED_FOLDER = "refused-paths"  # files whose own path led outside the notes folder
RECOVERY_FOLDER = "recovery"  # in the user's data folder: notes the notes folder refused


class OutsideWorkspace(PermissionError):
    """A path the app was about to write that would land outside the notes folder.

    A PermissionError, so that every place that already reports a failed write reports this too.
    """


def path_inside(root: Path, *parts: str) -> Path:
    """`root / parts...`, the one way the app builds a path it writes in the notes folder.

    Raises OutsideWorkspace when a part is absolute, holds a NUL or `..` climbs out, or when a
    symlink on the way (or the file itself) leads outside `root` once resolved. The path is
    returned unresolved, so a symlink that stays inside is written through.
    """
    for part in parts:
        if "\x00" in part or Path(part).is_absolute() or ".." in Path(part).parts:
            raise OutsideWorkspace(f"{part!r} would leave the notes folder {root}")
    candidate = root.joinpath(*parts)
    try:
        inside = candidate.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError) as error:  # a symlink loop, a path too long
        raise OutsideWorkspace(f"{candidate} cannot be resolved: {error}") from None
    if not inside:
        raise OutsideWorkspace(f"{candidate} leads outside the notes folder {root} (a symlink?)")
    return candidate


def bundled_lessons_dir() -> Path:
    """The curriculum shipped inside the package (or the repository's `lessons/` in a source checkout)."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "lessons"
    if installed.is_dir():
        return installed
    return package_dir.parents[1] / "lessons"


def is_bundled_lessons_dir(folder: Path) -> bool:
    """`folder` is the bundled curriculum's own folder (links resolved)."""
    try:
        return folder.resolve() == bundled_lessons_dir().resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return False


def default_lessons_dir(cwd: Path | None = None) -> Path:
    """`./lessons` when the current folder has lesson files of its own, else the bundled curriculum.

    A `./lessons` that is a copy of the bundled curriculum (the repository's own folder, run from a
    clone) is the bundled curriculum: its checks run without asking to trust it.
    """
    local = (cwd or Path.cwd()) / "lessons"
    bundled = bundled_lessons_dir()
    if local.is_dir() and any(local.rglob("*.md")) and not same_lesson_files(local, bundled):
        return local
    return bundled


def same_lesson_files(folder: Path, other: Path) -> bool:
    """True when both folders hold the same markdown files with the same bytes (a few dozen small files)."""
    try:
        if folder.resolve() == other.resolve():
            return True
        mine = sorted(path.relative_to(folder) for path in folder.rglob("*.md"))
        theirs = sorted(path.relative_to(other) for path in other.rglob("*.md"))
        return mine == theirs and all(
            read_regular_bytes(folder / name) == read_regular_bytes(other / name) for name in mine
        )
    except OSError:
        return False


COURSES_FOLDER = "courses"  # in the notes folder: the learner's own courses, written by `studytui add`


def default_courses_dir(notes_dir: Path) -> Path:
    """Where `studytui add` writes courses, and the app loads them from, unless the config says otherwise."""
    return notes_dir / COURSES_FOLDER


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
    pause_on_note: bool = True
    stamp_offset: float = 0.0
    idle_minutes: float = 5.0  # paused, study time counts this long after the last key
    refuse_paste_code: bool = True
    refuse_paste_notes: bool = True
    notes_paste_limit: int = 80
    start_pass: int | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    config_problems: tuple[str, ...] = ()
    existing_kernel: Path | None = None  # a connection file: attach, and leave it running on quit
    player: str = "stopwatch"  # "mpv": drive the video player; "stopwatch": a clock only
    mpv_socket: Path | None = None  # attach to an mpv started with --input-ipc-server=PATH
    video_overrides: dict[str, str] = field(default_factory=dict)  # lesson id -> local file or URL
    mpv_args: tuple[str, ...] = ()  # extra mpv options for the mpv studytui starts
    torch_cpu_index: str | None = None  # torch's index without an NVIDIA GPU; None: PyTorch's CPU index, "": none
    transcript_language: str = "en"  # captions to fetch, and the transcript file to prefer
    own_words_check: bool = True  # mark notes that copy a run of the lecture's words
    own_words_run: int = 8  # consecutive words that make a copy
    transcript_in_pass_1: bool = False  # pass 1 shows the current transcript line under the clock
    start_in_review: bool = False  # `studytui review`: open on the review of due cards
    server_url: str | None = None  # a Jupyter Server / gateway base URL (no token): kernels run there
    server_token: str = field(default="", repr=False)  # never printed, logged or drawn
    remote_kernel_id: str | None = None  # attach to this kernel on the server, leave it running
    keep_remote_kernel: bool = False  # leave the kernel we started on the server running on quit
    courses_dir: Path | None = None  # the learner's own courses (`studytui add`), loaded beside the lessons
    # How plots are drawn: "kitty", "sixel" or "halfblocks", chosen before the app starts (the
    # launch turns the setting's "auto" into one of them); "auto" left as it is draws half-blocks.
    images: str = "auto"

    @property
    def lesson_roots(self) -> tuple[Path, ...]:
        """The folders the library loads: the lessons folder, then the learner's courses folder
        (unless one holds the other: `studytui <courses>/<a course>` opens that course alone)."""
        courses = self.courses_dir
        if courses is None:
            return (self.lessons_dir,)
        lessons, mine = self.lessons_dir.resolve(), courses.resolve()
        if mine.is_relative_to(lessons) or lessons.is_relative_to(mine):
            return (self.lessons_dir,)
        return (self.lessons_dir, courses)

    def lessons_cache_for(self, root: Path) -> Path:
        """A lessons folder's parsed files, for the next launch (a cache: safe to delete)."""
        folder = hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        return Path(platformdirs.user_cache_dir("studytui")) / "lessons" / f"{folder}.json"

    @property
    def remote_memory_path(self) -> Path:
        """Which kernel was left running on which server (for `keep_remote_kernel`)."""
        return self.workspace_dir / "remote-kernels.json"

    @property
    def workspace_dir(self) -> Path:
        """Where the app keeps its own files beside the learner's notes."""
        return self.notes_dir / WORKSPACE_FOLDER

    @property
    def lock_path(self) -> Path:
        """One studytui per notes folder (see core.study.WorkspaceLock)."""
        return self.workspace_dir / "lock"

    @property
    def journal_dir(self) -> Path:
        return self.workspace_dir / JOURNAL_FOLDER

    @property
    def refused_paths_dir(self) -> Path:
        return self.workspace_dir / REFUSED_FOLDER

    @property
    def recovery_dir(self) -> Path:
        """Outside the notes folder: where notes go when the notes folder refuses them."""
        return Path(platformdirs.user_data_dir("studytui")) / RECOVERY_FOLDER

    @property
    def exercises_dir(self) -> Path:
        return self.notes_dir / EXERCISES_FOLDER

    @property
    def crash_reports_dir(self) -> Path:
        return self.workspace_dir

    @property
    def lessons_cache_path(self) -> Path:
        return self.lessons_cache_for(self.lessons_dir)

    @property
    def state_path(self) -> Path:
        """Positions, passes and the last lesson, before they moved into the study log (read once, to migrate)."""
        return self.workspace_dir / "state.json"

    @property
    def exercise_progress_path(self) -> Path:
        """Exercise results, before they moved into the study log (read once, to migrate)."""
        return self.workspace_dir / "exercises.json"

    @property
    def study_log_path(self) -> Path:
        return self.workspace_dir / "study-log.sqlite"

    @property
    def kernel_log_path(self) -> Path:
        return self.workspace_dir / "kernel.log"

    @property
    def mpv_log_path(self) -> Path:
        return self.workspace_dir / "mpv.log"

    def path_in_notes(self, *parts: str) -> Path:
        """A path to write in the notes folder; raises OutsideWorkspace (see path_inside)."""
        return path_inside(self.notes_dir, *parts)

    def notes_path(self, lesson_id: str) -> Path:
        """The lesson's notes file; raises OutsideWorkspace for a path that would leave the folder."""
        return self.path_in_notes(f"{lesson_id}.md")


def check_own_folders(settings: Settings) -> None:
    """Raise OutsideWorkspace when the app's own folder, or a folder in it, is a link leading out
    of the notes folder: everything the app writes would follow it."""
    path_inside(settings.notes_dir, WORKSPACE_FOLDER)
    for name in (HISTORY_FOLDER, JOURNAL_FOLDER, REFUSED_FOLDER):
        path_inside(settings.notes_dir, WORKSPACE_FOLDER, name)
