"""How pictures reach the terminal: the Kitty graphics protocol, Sixel, or half-blocks.

The protocols are textual-image's. Which one a terminal speaks is known from its environment for
the common ones (kitty and Ghostty draw Kitty graphics; WezTerm, iTerm2, foot, Konsole, mlterm and
Contour draw Sixel: WezTerm and Konsole answer the Kitty query but do not draw its placeholders);
any other terminal is asked with textual-image's own queries. Inside tmux or GNU screen pictures
are half-blocks: they do not pass the sequences on. The `images` setting forces one.

Everything here runs before the app starts: the queries read the terminal's answer from stdin,
which Textual's input thread owns once it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Literal, get_args

ImageMethod = Literal["kitty", "sixel", "halfblocks"]
IMAGE_SETTINGS: tuple[str, ...] = ("auto", *get_args(ImageMethod))

KITTY_TERMINALS = {"ghostty"}  # TERM_PROGRAM
SIXEL_TERMINALS = {"WezTerm", "iTerm.app", "mlterm", "contour"}  # TERM_PROGRAM
SIXEL_TERMS = ("foot", "mlterm", "contour")  # TERM prefixes


def method_from_environment(env: Mapping[str, str]) -> ImageMethod | None:
    """The method the terminal's environment names; None when it names no terminal we know."""
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if env.get("TMUX") or env.get("STY") or term.startswith(("tmux", "screen")) or program == "tmux":
        return "halfblocks"
    if term in ("xterm-kitty", "xterm-ghostty") or env.get("KITTY_WINDOW_ID") or program in KITTY_TERMINALS:
        return "kitty"
    if program in SIXEL_TERMINALS or term.startswith(SIXEL_TERMS) or env.get("KONSOLE_VERSION"):
        return "sixel"
    return None


def choose_method(setting: str, env: Mapping[str, str], is_terminal: bool) -> ImageMethod:
    """The method for the `images` setting: a forced one as it is; for "auto", the environment's,
    else the terminal's answer to textual-image's queries (half-blocks when nobody answers)."""
    if setting in ("kitty", "sixel", "halfblocks"):
        return setting  # type: ignore[return-value]  # one of ImageMethod's values, checked just above
    if not is_terminal:
        return "halfblocks"
    return method_from_environment(env) or query_terminal()


def query_terminal() -> ImageMethod:
    """Ask the terminal (textual-image asks while it is imported, with a 0.1 s limit per query)."""
    from textual_image.renderable import Image, SixelImage, TGPImage

    if Image is SixelImage:
        return "sixel"
    if Image is TGPImage:
        return "kitty"
    return "halfblocks"


def prepare_terminal(setting: str, env: Mapping[str, str]) -> ImageMethod:
    """Choose the method before the app starts; for a protocol, also learn the cell size in pixels
    (textual-image asks the terminal once and keeps the answer)."""
    stdout = sys.__stdout__
    method = choose_method(setting, env, bool(stdout and stdout.isatty()))
    if method != "halfblocks":
        import textual_image.widget  # noqa: F401  # importing it asks the cell size while stdin is free

    return method
