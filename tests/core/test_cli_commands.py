"""The command line lists its commands, each command describes its own options, and a launch imports none."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.courses import run_studytui

pytestmark = pytest.mark.timeout(60)

COMMANDS = ("add", "review", "export", "transcript", "check-lessons")
LAUNCH_OPTIONS = ("LESSONS_DIR", "--notes", "--kernel", "--existing", "--server", "--token", "--kernel-id",
                  "--list-kernels", "--pass", "--player", "--mpv-socket", "--version")


def test_help_lists_every_command_with_a_line_and_the_launch_options():
    result = run_studytui("--help")
    assert result.returncode == 0, result.stderr
    usage, _, rest = result.stdout.partition("\n\n")
    assert usage.splitlines() == ["usage: studytui [LESSONS_DIR] [options]", "       studytui COMMAND [options]"]
    commands = rest[rest.index("commands:"):]
    for name in COMMANDS:
        line = next((row for row in commands.splitlines() if row.strip().startswith(name + " ")), None)
        assert line is not None and len(line.split()) > 2, f"{name} has no line of its own in:\n{commands}"
    assert "with no command, studytui opens the study screen" in commands
    for option in LAUNCH_OPTIONS:
        assert option.lower() in result.stdout.lower(), option


def test_review_help_describes_review():
    result = run_studytui("review", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: studytui review [LESSONS_DIR] [options]")
    assert "review of the cards due" in result.stdout
    assert "commands:" not in result.stdout and "--notes" in result.stdout


def test_add_help_describes_its_own_options():
    result = run_studytui("add", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: studytui add")
    for option in ("--to DIR", "--transcripts", "--language", "--load-info-json", "--notes"):
        assert option in result.stdout, option
    assert "--player" not in result.stdout


def test_a_lessons_folder_named_like_nothing_else_still_launches_there(tmp_path):
    """`studytui DIR` is not taken for a command: a missing folder is reported as a folder."""
    result = run_studytui(str(tmp_path / "no-such-lessons"), "--notes", str(tmp_path / "notes"))
    assert result.returncode == 2 and "is not a folder" in result.stderr


def test_add_with_neither_a_source_nor_info_json_says_so():
    result = run_studytui("add")
    assert result.returncode == 2 and "give a URL or a folder" in result.stderr


def test_a_launch_imports_no_subcommand_and_not_yt_dlp():
    code = (
        "import sys, studytui.cli, studytui.cli.launch\n"
        "heavy = ('yt_dlp', 'studytui.cli.add', 'studytui.core.courses', 'studytui.cli.export', 'studytui.cli.anki',"
        " 'studytui.cli.transcript', 'studytui.cli.check_lessons')\n"
        "print(sorted(name for name in sys.modules if name.startswith(heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
