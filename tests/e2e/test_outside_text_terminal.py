"""One hostile string through every path outside text takes, with the installed `studytui` in a real
terminal (tmux, which keeps OSC 52 clipboard writes as paste buffers and OSC 0 as the pane title):
a lesson's title, course, chapter and video, and a transcript's cues. What the terminal shows, what
the files on disk hold and what the command line prints must hold none of its escapes, no bidi
override, its markup as words, and the app must still be running after every screen that shows it.
Then: emoji and scripts whose width Rich and terminals measured differently keep the borders straight.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.terminal import STUDYTUI, Terminal
from tests.hostile import HOSTILE_LINE, HOSTILE_LINE_SHOWN, MARKERS, QUIT_LINK, WIDE, unsafe_characters
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(240),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

VIDEO = "https://www.youtube.com/watch?v=VMj-3S1tku0"


def write_pack(folder: Path) -> Path:
    folder.mkdir()
    front = {
        "id": "hostile-words",
        "title": f"Title {HOSTILE_LINE}",
        "course": f"Course {HOSTILE_LINE}",
        "video": f"{VIDEO}&list={HOSTILE_LINE}",
        "duration": "10:00",
        "transcript": "hostile.vtt",
    }
    lines = ["---", *(f"{key}: {json.dumps(value)}" for key, value in front.items()), "---"]
    lines += [f"## 00:00 Chapter {HOSTILE_LINE}", "", f"Summary {HOSTILE_LINE}", "", "## 05:00 Second", ""]
    (folder / "hostile.md").write_text("\n".join(lines), encoding="utf-8")
    (folder / "hostile.vtt").write_text(
        "WEBVTT\n\n"
        f"00:00:00.000 --> 00:00:05.000\nSaid {HOSTILE_LINE}\n\n"
        f"00:00:05.000 --> 00:00:10.000\nAlso &#x202e;said &lt;b&gt; {QUIT_LINK}\n",
        encoding="utf-8",
    )
    return folder


def pane(terminal: Terminal, field: str) -> str:
    return terminal.tmux("display-message", "-p", "-t", "main", f"#{{{field}}}").stdout.strip()


def assert_untouched(terminal: Terminal, title: str, seen: str) -> None:
    """The terminal as the hostile string would have left it: its title, its clipboard, its screen."""
    screen = terminal.screen()
    assert not unsafe_characters(screen), (seen, sorted(set(unsafe_characters(screen))))
    assert not any(marker in screen for marker in MARKERS), f"an OSC payload was drawn ({seen})"
    assert pane(terminal, "pane_title") == title, f"the terminal was renamed ({seen})"
    assert terminal.tmux("list-buffers", check=False).stdout.strip() == "", f"the clipboard was written ({seen})"
    assert not terminal.exited(), f"the app quit ({seen})"


def shown(terminal: Terminal, text: str, seen: str, title: str) -> None:
    terminal.wait_for(text)
    assert_untouched(terminal, title, seen)


def close(terminal: Terminal, shown_until_closed: str) -> None:
    """Escape, and wait for the screen to go: ESC and a key right after it read as alt+key."""
    terminal.keys("Escape")
    until_sync(lambda: shown_until_closed not in terminal.screen(), what=f"{shown_until_closed!r} closed")


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(STUDYTUI), *args], capture_output=True, text=True, env=env, timeout=100)


def test_one_hostile_string_through_every_path(terminal, tmp_path, isolated_home):
    lessons = write_pack(tmp_path / "lessons")
    notes = tmp_path / "notes"
    config = Path(isolated_home) / ".config" / "studytui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("transcript_in_pass_1 = true\n", encoding="utf-8")
    tmux_config = tmp_path / "tmux.conf"
    tmux_config.write_text("set -s set-clipboard on\nset -g allow-rename on\n", encoding="utf-8")
    status = tmp_path / "exit-status"
    terminal.start(["sh", "-c", '"$0" --pass 1 "$1"; echo $? > "$2"', str(STUDYTUI), str(lessons), str(status)],
                   config=tmux_config)
    title = pane(terminal, "pane_title")

    # Pass 1: the header and the caption under the clock.
    shown(terminal, f"Said {HOSTILE_LINE_SHOWN}", "the pass-1 caption", title)
    assert f"Title {HOSTILE_LINE_SHOWN}"[:40] in terminal.screen(), "the header"
    terminal.keys("C-o")  # pass 2: the outline and the notes
    shown(terminal, "kernel: idle", "pass 2", title)
    shown(terminal, "00:00 Chapter evil [b]", "the outline", title)  # [b] as text
    # The transcript pane, its search, and the quote of the cue at the clock into the notes.
    terminal.keys("F8")
    shown(terminal, "Also said <b>", "the transcript pane", title)  # the cue wraps in the pane: its words as text
    terminal.keys("markup")
    shown(terminal, "1 match for 'markup'", "the pane's search", title)
    terminal.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "M-q")
    shown(terminal, "Quoted the lecture at 00:00", "the quote's notice", title)
    # The search across lessons, the palette's lesson finder, the f10 picker, the statistics.
    terminal.keys("C-p")
    terminal.wait_for("Search for commands")
    terminal.keys("Search the transcripts of every")
    terminal.wait_for("Search the transcripts of every lesson (opens")
    terminal.keys("Enter")
    terminal.wait_for("1 lesson with a transcript")  # the search screen (the palette ran its command later)
    terminal.keys("evil")
    shown(terminal, "1 match in 1 lesson", "the search across lessons", title)
    close(terminal, "lesson with a transcript")
    terminal.keys("C-p")
    terminal.wait_for("Search for commands")
    terminal.keys("markup")
    shown(terminal, "Course evil [b]markup[/b] [@click=app.quit]quit", "the palette's lesson finder", title)
    close(terminal, "Open this lesson")
    terminal.keys("F10")
    shown(terminal, "Find a lesson", "the lesson picker", title)
    assert "Title evil [b]markup[/b]" in terminal.screen()
    close(terminal, "Find a lesson")
    terminal.keys("C-p")
    terminal.wait_for("Search for commands")
    terminal.keys("Study statistics")
    terminal.wait_for("time per pass against")
    terminal.keys("Enter")
    shown(terminal, "days in a row", "the statistics", title)
    assert "Title evil [b]markup" in terminal.screen()
    close(terminal, "days in a row")
    # A card in the notes, so the review shows the lesson's course and title.
    terminal.keys("F3", "C-n", "what is it :: this")
    notes_file = notes / "hostile-words.md"
    until_sync(lambda: notes_file.exists() and ":: this" in notes_file.read_text(), what="the card saved")
    terminal.keys("F12")
    shown(terminal, "› Title evil [b]markup[/b]", "the review", title)
    close(terminal, "› Title evil")
    terminal.keys("C-q")
    until_sync(lambda: status.exists() and status.read_text().strip() != "", timeout=30, what="studytui to quit")
    assert status.read_text().strip() == "0", "quit by ctrl+q, never by a link in the text"
    assert pane(terminal, "pane_title") == title

    # The files: the notes (heading, the quote) and a digest.
    written = (notes / "hostile-words.md").read_text(encoding="utf-8")
    assert not unsafe_characters(written) and not any(marker in written for marker in MARKERS)
    assert f'> [00:00]({"https://youtu.be/VMj-3S1tku0?t=0"}) "Said {HOSTILE_LINE_SHOWN}"' in written
    assert written.startswith(f"# Title {HOSTILE_LINE_SHOWN}\n")
    env = {**terminal.env, "PYTHONIOENCODING": "utf-8"}
    exported = run("export", "hostile-words", "--lessons", str(lessons), "--notes", str(notes), env=env)
    assert exported.returncode == 0, exported.stderr
    digest = Path(exported.stdout.strip()).read_text(encoding="utf-8")
    for text in (exported.stdout, exported.stderr, digest):
        assert not unsafe_characters(text) and not any(marker in text for marker in MARKERS), text
    assert f"Video: {VIDEO}&list=evil [b]markup[/b]" in digest

    # What the command line prints about the pack: check-lessons.
    checked = run("check-lessons", str(lessons), env=env)
    for text in (checked.stdout, checked.stderr):
        assert not unsafe_characters(text) and not any(marker in text for marker in MARKERS), text
    assert "'video' holds control, bidi or joining characters: they are left out" in checked.stdout
    assert "hostile.vtt:3: cue text holds control or bidi characters: left out (and 1 more cue)" in checked.stdout


def test_a_child_programs_error_line_is_printed_clean(tmp_path, isolated_home):
    """`studytui transcript fetch` prints yt-dlp's last error line: a line that program wrote."""
    lessons = write_pack(tmp_path / "lessons")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "yt-dlp"
    fake.write_text(f"#!/bin/sh\nprintf 'ERROR: {HOSTILE_LINE}\\n' >&2\nexit 1\n".replace("\x1b", "\\033"))
    fake.chmod(0o755)
    env = {**os.environ, "HOME": str(isolated_home), "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    if importlib.util.find_spec("yt_dlp") is not None:
        pytest.skip("the yt_dlp module is installed beside studytui: it is run instead of the program on PATH")
    fetched = run("transcript", "fetch", "--all", "--lessons", str(lessons), "--notes", str(tmp_path / "n"), env=env)
    assert fetched.returncode == 1
    assert "failed: ERROR: evil [b]markup[/b]" in fetched.stdout
    assert not unsafe_characters(fetched.stdout) and not any(marker in fetched.stdout for marker in MARKERS)


# ----- widths --------------------------------------------------------------------------------------------


def border_columns(terminal: Terminal, rows: list[str], folder: Path) -> list[list[int]]:
    """For each row of the screen, the columns (as the terminal placed them) of its vertical borders."""
    prefixes = [(number, row[:index]) for number, row in enumerate(rows) for index, char in enumerate(row)
                if char in "│┃"]
    widths = terminal.widths([prefix for _, prefix in prefixes], folder)
    columns: list[list[int]] = [[] for _ in rows]
    for (number, _), width in zip(prefixes, widths, strict=True):
        columns[number].append(width)
    return columns


def test_wide_and_joined_characters_keep_the_borders_straight(terminal, tmp_path):
    from rich.cells import cell_len

    from studytui.core.text import clean_text

    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "wide.md").write_text(
        f"---\nid: wide\ntitle: {json.dumps('Family ' + WIDE + ' end')}\ncourse: {json.dumps('Course ' + WIDE)}\n"
        f"duration: '10:00'\n---\n## 00:00 {WIDE} one\n\n## 05:00 two\n",
        encoding="utf-8",
    )
    samples = [*WIDE.split(" "), "🏽", "a\u200db", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"]
    cleaned = [clean_text(sample) for sample in samples]
    terminal.start([str(STUDYTUI), "--pass", "2", str(lessons)])
    assert terminal.widths(cleaned, tmp_path) == [cell_len(text) for text in cleaned], "Rich measures what tmux draws"

    terminal.wait_for("kernel: idle", timeout=40)
    terminal.wait_for("Course 👨👩👧")
    rows = terminal.screen().split("\n")
    columns = border_columns(terminal, rows, tmp_path)
    framed = [number for number, row in enumerate(rows) if row.startswith("│")]  # inside the panes' frames
    assert len(framed) > 20 and len(columns[framed[0]]) == 6, (rows, columns)  # three panes, two sides each
    assert all(columns[number] == columns[framed[0]] for number in framed), [
        (rows[number], columns[number]) for number in framed if columns[number] != columns[framed[0]]
    ]
    assert any("👍" in rows[number] for number in framed), "the rows with the title are among them"
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=20, what="studytui to quit")
