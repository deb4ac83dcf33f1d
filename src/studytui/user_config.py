"""The learner's config file: TOML in the platformdirs config folder, every option optional.

A bad value is reported with its line and the default is used instead; the app still starts.
"""

from __future__ import annotations

import os
import re
import reprlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from studytui.core.files import RefusedFile, read_regular_text

CONFIG_ENV = "STUDYTUI_CONFIG"
CONFIG_LIMIT = 1024 * 1024  # bytes: a config file is a few lines


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
    Option("idle_minutes", (int, float), 5,
           "Study time stops counting this many minutes after your last key while the clock is paused (0-120)."),
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
    Option("transcript_language", str, "en",
           "Captions language for `studytui transcript fetch` and transcript files."),
    Option("own_words_check", bool, True, "Mark notes that repeat 8 or more words of the lecture's transcript."),
    Option("own_words_run", int, 8, "How many consecutive words of the transcript make a note a copy (3 or more)."),
    Option("transcript_in_pass_1", bool, False,
           "Pass 1: show the current line of the transcript large under the clock."),
    Option("images", str, "auto",
           "How plots are drawn: 'auto' (asks the terminal), 'kitty', 'sixel' or 'halfblocks'."),
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
    """The config file's options. Never raises: a file that cannot be used (not a regular file,
    larger than CONFIG_LIMIT, not UTF-8, not TOML, nested too deeply to read) gives the defaults
    and one problem that says why; a bad value gives that option's default and a problem."""
    path = path or default_config_path()
    try:
        text = read_regular_text(path, limit=CONFIG_LIMIT)
    except FileNotFoundError:
        return UserConfig(path)
    except RefusedFile as error:
        return UserConfig(path, problems=(f"{path}:1: cannot read the config file: {error.reason}; using defaults",))
    except (OSError, UnicodeDecodeError) as error:
        return UserConfig(path, problems=(f"{path}:1: cannot read the config file ({error}); using defaults",))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = match.group(1) if match else "1"
        return UserConfig(path, problems=(f"{path}:{line}: {error}; using defaults for every option",))
    except RecursionError:  # tomllib recurses once per nested array or inline table
        return UserConfig(path, problems=(
            f"{path}:1: values nested too deeply to read (arrays or inline tables inside each other); "
            "using defaults for every option",
        ))
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


def _check(option: Option, value: object) -> str | None:
    """What is wrong with `value` for `option` (None: nothing). The one place a config value's
    type is checked: past it, every value has its option's type."""
    kinds = option.kind if isinstance(option.kind, tuple) else (option.kind,)
    # bool is an int to Python, but `true` is no number of seconds.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        return f"expected {_kind_name(kinds)}, got {_shown(value)}"
    if isinstance(value, dict):
        return None if all(isinstance(v, str) for v in value.values()) else "every value in this table must be a string"
    if isinstance(value, list):
        return _check_list(option.name, value)
    if isinstance(value, str):
        return _check_text(option.name, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _check_number(option.name, value)
    return None


def _check_number(name: str, value: float) -> str | None:
    if name == "stamp_offset" and not 0 <= value <= 60:
        return f"must be between 0 and 60 seconds, got {value!r}"
    if name == "idle_minutes" and not 0 < value <= 120:
        return f"must be more than 0 and at most 120 minutes, got {value!r}"
    if name == "notes_paste_limit" and value < 0:
        return f"must be 0 or more, got {value!r}"
    if name == "own_words_run" and value < 3:
        return f"must be 3 or more, got {value!r}"
    return None


def _check_list(name: str, value: list[object]) -> str | None:
    if name == "mpv_options" and not all(isinstance(v, str) and v.startswith("--") for v in value):
        return "every item must be an mpv option written as a string starting with --, such as \"--vo=null\""
    return None


def _check_text(name: str, value: str) -> str | None:
    if name == "transcript_language" and not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", value):
        return f"must be a language code such as 'en' or 'pt-BR', got {_shown(value)}"
    if name == "player" and value not in ("stopwatch", "mpv"):
        return f"must be 'stopwatch' or 'mpv', got {_shown(value)}"
    if name == "images" and value not in ("auto", "kitty", "sixel", "halfblocks"):
        return f"must be 'auto', 'kitty', 'sixel' or 'halfblocks', got {_shown(value)}"
    return None


def _shown(value: object) -> str:
    """A value quoted in a problem, cut short: a 50,000-item array stays one readable line."""
    return _SHORT.repr(value)


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60


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
