"""The learner's config file: TOML in the platformdirs config folder, every option optional.

A bad value is reported with its line and the default is used instead; the app still starts.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import platformdirs

CONFIG_ENV = "STUDYTUI_CONFIG"


@dataclass(frozen=True)
class Option:
    name: str
    kind: type | tuple[type, ...]
    default: Any
    help: str


OPTIONS: tuple[Option, ...] = (
    Option("notes_dir", str, None, "Notes folder (the workspace). --notes and STUDYTUI_NOTES win over it."),
    Option("courses_dir", str, None, "Your own courses (`studytui add` writes them; they load beside the lessons). "
                                     "Default: courses in the notes folder."),
    Option("kernel", str, None, "Jupyter kernelspec to start. --kernel wins over it."),
    Option("server", str, None, "Run the kernel on this Jupyter Server or gateway URL. --server wins over it."),
    Option("server_token", str, None,
           "Token for the server. --token, the URL's ?token= and JUPYTER_TOKEN win over it."),
    Option("keep_remote_kernel", bool, False,
           "Leave the kernel started on the server running on quit; the next launch re-attaches."),
    Option("pause_on_note", bool, True, "ctrl+n pauses the lesson while you write."),
    Option("stamp_offset", (int, float), 0, "Seconds to step back when stamping a note (0-60)."),
    Option("refuse_paste_code", bool, True, "Refuse pastes into the code cell: type it yourself."),
    Option("refuse_paste_notes", bool, True, "Refuse long pastes into the notes."),
    Option("notes_paste_limit", int, 80, "Longest paste the notes accept, in characters (a URL fits)."),
    Option("player", str, "stopwatch", "'stopwatch' (the lesson clock) or 'mpv' (drive the mpv player)."),
    Option("mpv_socket", str, None, "Attach to an mpv already listening on this IPC socket."),
    Option("mpv_options", list, [], "Extra options for the mpv studytui starts, e.g. [\"--vo=null\"] (headless)."),
    Option("torch_cpu_index", str, None,
           "Index torch comes from where the kernel's machine has no NVIDIA GPU (\"\": pip's own). "
           "Default: PyTorch's CPU index."),
    Option("videos", dict, {}, "Table: lesson id = local video file that replaces the lesson's video."),
    Option("transcript_language", str, "en", "Captions language for `studytui transcript fetch` and transcript files."),
    Option("own_words_check", bool, True, "Mark notes that repeat 8 or more words of the lecture's transcript."),
    Option("own_words_run", int, 8, "How many consecutive words of the transcript make a note a copy (3 or more)."),
    Option("transcript_in_pass_1", bool, False,
           "Pass 1: show the current line of the transcript large under the clock."),
    Option("keys", dict, {}, "Table: action = key(s), e.g. toggle_clock = \"ctrl+space\"."),
)
_BY_NAME = {option.name: option for option in OPTIONS}


@dataclass(frozen=True)
class UserConfig:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)  # "name" and "table.key" -> 1-based line

    def get(self, name: str) -> Any:
        return self.values.get(name, _BY_NAME[name].default)


def default_config_path() -> Path:
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_config_dir("studytui")) / "config.toml"


def load_user_config(path: Path | None = None) -> UserConfig:
    path = path or default_config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UserConfig(path)
    except (OSError, UnicodeDecodeError) as error:
        return UserConfig(path, problems=(f"{path}:1: cannot read the config file ({error}); using defaults",))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = match.group(1) if match else "1"
        return UserConfig(path, problems=(f"{path}:{line}: {error}; using defaults for every option",))
    values: dict[str, Any] = {}
    problems = []
    lines = key_lines(text)  # one pass: thousands of options must not cost a scan each
    for name, value in raw.items():
        option = _BY_NAME.get(name)
        line = lines.get(name, 1)
        if option is None:
            problems.append(f"{path}:{line}: unknown option '{name}' (ignored)")
            continue
        problem = _check(option, value)
        if problem:
            problems.append(f"{path}:{line}: {name}: {problem}; using the default ({option.default!r})")
            continue
        values[name] = value
    return UserConfig(path, values, tuple(problems), lines)


def _check(option: Option, value: Any) -> str | None:
    kinds = option.kind if isinstance(option.kind, tuple) else (option.kind,)
    # bool is an int to Python, but `true` is no number of seconds.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        return f"expected {_kind_name(kinds)}, got {value!r}"
    value = cast(Any, value)  # of the option's kind: the checks below are the option's own
    if option.name == "stamp_offset" and not 0 <= value <= 60:
        return f"must be between 0 and 60 seconds, got {value!r}"
    if option.name == "notes_paste_limit" and value < 0:
        return f"must be 0 or more, got {value!r}"
    if option.name == "own_words_run" and value < 3:
        return f"must be 3 or more, got {value!r}"
    if option.name == "transcript_language" and not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", value):
        return f"must be a language code such as 'en' or 'pt-BR', got {value!r}"
    if option.name == "player" and value not in ("stopwatch", "mpv"):
        return f"must be 'stopwatch' or 'mpv', got {value!r}"
    if option.kind is dict and not all(isinstance(v, str) for v in value.values()):
        return "every value in this table must be a string"
    if option.name == "mpv_options" and not (
        isinstance(value, list) and all(isinstance(v, str) and v.startswith("--") for v in value)
    ):
        return "every item must be an mpv option written as a string starting with --, such as \"--vo=null\""
    return None


def _kind_name(kinds: tuple[type, ...]) -> str:
    names = {bool: "true or false", int: "a number", float: "a number", str: "a string", dict: "a table",
             list: "a list"}
    return " or ".join(dict.fromkeys(names.get(kind, kind.__name__) for kind in kinds))


_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*=")


def key_lines(text: str) -> dict[str, int]:
    """The first line of each top-level key and table (`name`) and of each key in a table
    (`table.key`), found in one pass over the text (values spanning lines are not followed)."""
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _TABLE.match(line):
            table = match.group(1).strip("\"")
            found.setdefault(table, number)
        elif match := _KEY.match(line):
            key = match.group(1).strip("\"'")
            found.setdefault(f"{table}.{key}" if table else key, number)
    return found


def describe_options() -> str:
    """Every option with its default, as TOML comments (docs and `studytui --help-config`)."""
    lines = []
    for option in OPTIONS:
        default = "(not set)" if option.default is None else repr(option.default)
        lines.append(f"# {option.name}: {option.help} Default: {default}")
    return "\n".join(lines)
