"""A card's markdown as Anki shows it: HTML by markdown-it, math for Anki's MathJax, the learner's HTML as text.

- CommonMark with tables and strikethrough; a single line break stays a line break (as Obsidian shows
  notes); raw HTML in the notes is escaped, never passed on as markup.
- `$...$` becomes `\\(...\\)` and `$$...$$` becomes `\\[...\\]`, the delimiters Anki's MathJax reads; a `$`
  next to a digit or a space is a dollar sign (`costs $5 and $10`), as in pandoc.
- Fenced code keeps its indentation (`<pre><code>`).

`code_blocks` splits a card's text into its prose and its fenced code, for the app's own review.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # markdown-it loads with the first card rendered, not with the app's first screen
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# A character that can mean markdown (or an entity), or a start that can make a block.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_$\[\]<>&!#|~\n]|^\s*(?:[-+>]|\d+[.)])")


@dataclass(frozen=True)
class TextBlock:
    """A run of a card's text: prose (`language` None) or a fenced code block in `language` ("" unnamed)."""

    text: str
    language: str | None = None


def card_html(markdown: str) -> str:
    """The card's text as HTML for an Anki field (one paragraph without its `<p>`, as Anki's own fields)."""
    if not _MARKDOWN_SYNTAX.search(markdown):  # plain words: what markdown-it makes of them, 30x faster
        return html.escape(markdown.strip(), quote=False).replace('"', "&quot;")
    rendered = _markdown().render(markdown).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def code_blocks(markdown: str) -> list[TextBlock]:
    """The text in order, fenced code blocks apart (their contents without the fences)."""
    lines = markdown.split("\n")
    blocks: list[TextBlock] = []
    row = 0
    for token in _markdown().parse(markdown):
        if token.type != "fence" or token.map is None or token.level != 0:
            continue
        start, end = token.map
        _add_prose(blocks, lines[row:start])
        blocks.append(TextBlock(token.content.rstrip("\n"), token.info.strip().split(" ")[0]))
        row = end
    _add_prose(blocks, lines[row:])
    return blocks


def _add_prose(blocks: list[TextBlock], lines: list[str]) -> None:
    text = "\n".join(lines).strip("\n")
    if text.strip():
        blocks.append(TextBlock(text))


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True, allow_labels=False)
    md.add_render_rule("math_inline", _inline_math)
    md.add_render_rule("math_inline_double", _display_math)
    md.add_render_rule("math_block", _display_math)
    return md


def _inline_math(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    return "\\(" + html.escape(tokens[index].content, quote=False) + "\\)"


def _display_math(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    content = tokens[index].content.strip()
    block = tokens[index].type == "math_block"
    return "\\[" + html.escape(content, quote=False) + "\\]" + ("\n" if block else "")
