"""The config file's `[keys]` table checked against the app's actions before it is applied.

A remap is refused (its action keeps its default key, and the reason is reported with its line)
when the action is unknown, a key name is not one Textual knows, the key is printable or Enter
(it would eat what the learner types), the key is an editor key (ctrl+a/e/k/u/w/z/y/x/c/v,
arrows, home/end, tab, backspace, delete...), or the key is already bound to another action.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from studytui.core.text import clean_text
from studytui.ui.keys import APP_KEYS

MODIFIERS = frozenset({"ctrl", "alt", "shift", "super", "meta", "hyper"})
_NAMED = frozenset(
    {"escape", "enter", "return", "tab", "backspace", "delete", "insert", "space", "home", "end",
     "pageup", "pagedown", "up", "down", "left", "right"}
    | {f"f{number}" for number in range(1, 25)}
)
_ENTER = frozenset({"enter", "return", "ctrl+m", "ctrl+j"})
_EDITOR_CTRL = frozenset("aekuwzyxcv")
_EDITOR_NAMED = frozenset({"up", "down", "left", "right", "home", "end", "pageup", "pagedown", "tab", "backspace",
                           "delete", "insert", "escape"})
_NAME = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True)
class CheckedKeymap:
    keymap: dict[str, str]  # action -> keys, only the remaps that passed
    problems: tuple[str, ...]  # "path:line: message", in file order


def check_keymap(keymap: dict[str, str], lines: dict[str, int], path: Path | None) -> CheckedKeymap:
    """Keep the remaps that are safe; report every other one with its line (`keys.<action>`)."""
    defaults = {key.action: key.key for key in APP_KEYS}
    order = sorted(keymap, key=lambda action: lines.get(f"keys.{action}", 0))
    problems: dict[str, str] = {}
    for action in order:
        problem = _own_problem(action, str(keymap[action]), defaults)
        if problem is not None:
            problems[action] = problem
    # Keys in use: the defaults of every action not validly remapped, then the remaps in file
    # order; a remap onto a key in use is refused (so `quit = "ctrl+n"` never steals ctrl+n).
    owner: dict[str, str] = {}
    for action, key in defaults.items():
        if action not in keymap or action in problems:
            owner.update({_normal(single): action for single in key.split(",")})
    accepted: dict[str, str] = {}
    for action in order:
        if action in problems:
            continue
        singles = [_normal(single) for single in str(keymap[action]).split(",")]
        taken = next((single for single in singles if owner.get(single, action) != action), None)
        if taken is not None:
            problems[action] = f"{taken!r} is already bound to {owner[taken]}"
            owner.update({_normal(single): action for single in defaults[action].split(",")})
            continue
        accepted[action] = str(keymap[action])
        owner.update(dict.fromkeys(singles, action))
    where = str(path) if path is not None else "config"
    reported = (
        f"{where}:{lines.get(f'keys.{action}', lines.get('keys', 1))}: [keys] {clean_text(action)}: "
        f"{problems[action]}; the default is kept"
        for action in order if action in problems
    )
    return CheckedKeymap(accepted, tuple(reported))


def _own_problem(action: str, keys: str, defaults: dict[str, str]) -> str | None:
    """What is wrong with a remap on its own (before looking at the other actions' keys)."""
    if action not in defaults:
        known = ", ".join(sorted(defaults))
        return f"no such action (actions: {known})"
    singles = [_normal(single) for single in keys.split(",")]
    for single in singles:
        why = _key_problem(single)
        if why is not None:
            return why
    if len(set(singles)) != len(singles):
        return "the same key is listed twice"
    return None


def _normal(key: str) -> str:
    return key.strip().lower()


def _key_problem(key: str) -> str | None:
    """Why `key` may not be an app-wide key, or None."""
    if not key:
        return "an empty key name"
    *modifiers, base = key.split("+")
    if any(modifier not in MODIFIERS for modifier in modifiers) or not _is_key_name(base):
        return f"{clean_text(key)!r} is not a key name (such as ctrl+space, f10 or alt+t)"
    if key in _ENTER:
        return "Enter runs code and ends lines: it cannot be an app key"
    typing = set(modifiers) <= {"shift"}
    if typing and (len(base) == 1 or base == "space" or base not in _NAMED):
        return f"{key!r} types text: use a key with ctrl or alt, or a function key"
    editing_ctrl = modifiers == ["ctrl"] and base in _EDITOR_CTRL
    if editing_ctrl or (base in _EDITOR_NAMED and set(modifiers) <= {"ctrl", "shift"}):
        return f"{key!r} is an editing key in the notes and code panes"
    return None


def _is_key_name(base: str) -> bool:
    if len(base) == 1:
        return base.isprintable()
    if base in _NAMED:
        return True
    if _NAME.fullmatch(base) is None:
        return False
    try:  # Textual names other keys by their Unicode name: full_stop, exclamation_mark...
        unicodedata.lookup(base.replace("_", " "))
    except KeyError:
        return False
    return True
