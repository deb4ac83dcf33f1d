"""Fetching lessons' captions with yt-dlp (an optional extra): the command line and what its errors mean.

Captions are written to `<notes>/transcripts/<lesson id>.<language>.vtt`, where the app finds them.
Manual captions are taken when the video has them, YouTube's automatic ones otherwise.

yt-dlp reads configuration files from its current folder (`./yt-dlp.conf`, whose `--exec` runs
anything), and `python -m yt_dlp` imports `./yt_dlp/` from there: a course cloned by the learner is
often that folder. So yt-dlp runs with `--ignore-config`, as an isolated Python (`-I`) when it is the
module beside studytui, in a new empty folder of its own inside the transcripts folder, and writes
there; its files are then moved into place (a link at the target is replaced, never followed).
"""

from __future__ import annotations

import importlib.machinery
import os
import re
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

INSTALL_HINT = (
    "yt-dlp is not installed: `pip install 'studytui[transcripts]'` (or `pipx inject studytui yt-dlp`, "
    "or your system's yt-dlp package)"
)
_OFFLINE = re.compile(
    r"Temporary failure in name resolution|Name or service not known|nodename nor servname|"
    r"getaddrinfo failed|Failed to resolve|Network is unreachable|No route to host|"
    r"Connection refused|timed out|Failed to establish a new connection",
    re.IGNORECASE,
)
_WROTE = re.compile(r"Writing video (?:automatic )?subtitles to: (?P<path>.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class FetchOutcome:
    lesson_id: str
    files: tuple[Path, ...]  # the subtitle files written
    offline: bool = False
    error: str | None = None  # yt-dlp's last error line, when it failed for another reason


def yt_dlp_command() -> list[str] | None:
    """How to run yt-dlp here: the module beside studytui (run isolated, so found as an isolated Python
    finds it: not in the current folder nor the user's site), else the `yt-dlp` program; None without either."""
    unsafe = {"", os.getcwd(), site.getusersitepackages()}
    path = [entry for entry in sys.path if entry not in unsafe]
    if importlib.machinery.PathFinder.find_spec("yt_dlp", path) is not None:
        return [sys.executable, "-I", "-m", "yt_dlp"]
    program = shutil.which("yt-dlp")
    return [program] if program else None


def fetch_arguments(url: str, lesson_id: str, folder: Path, language: str) -> list[str]:
    """yt-dlp's arguments: captions only, manual or automatic, in the language asked for."""
    arguments = [
        "--ignore-config",  # no ./yt-dlp.conf, no user or system configuration
        "--skip-download",
        "--write-subs",
        "--write-auto-subs",
        "--sub-langs", language,
        "--sub-format", "vtt/srt/best",
        "--no-playlist",
        "--newline",
        "-o", str(folder / f"{lesson_id}.%(ext)s"),
    ]
    if url.startswith("file:"):
        arguments.append("--enable-file-urls")  # a course kept as local pages (and the tests)
    return [*arguments, "--", url]


def fetch_captions(
    yt_dlp: list[str], url: str, lesson_id: str, folder: Path, language: str, timeout: float = 600
) -> FetchOutcome:
    """Fetch into `folder` (which the caller has checked lies inside the notes folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".yt-dlp-", dir=folder) as private:
        work = Path(private)
        try:
            result = subprocess.run(
                [*yt_dlp, *fetch_arguments(url, lesson_id, work, language)],
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
                cwd=work,
            )
        except subprocess.TimeoutExpired:
            return FetchOutcome(lesson_id, (), offline=True)
        except OSError as error:
            return FetchOutcome(lesson_id, (), error=str(error))
        output = result.stdout + "\n" + result.stderr
        files = _move_into(folder, work, (Path(match["path"]) for match in _WROTE.finditer(output)))
    if result.returncode == 0:
        return FetchOutcome(lesson_id, files)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    last = errors[-1] if errors else (result.stderr.strip().splitlines() or ["yt-dlp failed"])[-1]
    return FetchOutcome(lesson_id, files, offline=bool(_OFFLINE.search(output)), error=last)


def _move_into(folder: Path, work: Path, written: Iterable[Path]) -> tuple[Path, ...]:
    """The files yt-dlp wrote in `work`, moved into `folder` (os.replace: a link there is replaced)."""
    moved = []
    for path in written:
        source = work / path.name
        if path.parent.resolve() != work.resolve() or not source.is_file():
            continue
        target = folder / path.name
        os.replace(source, target)
        moved.append(target)
    return tuple(moved)


def host_of(url: str) -> str:
    return urlparse(url).hostname or url
