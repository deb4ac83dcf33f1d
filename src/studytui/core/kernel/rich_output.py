"""Which part of a Jupyter MIME bundle a terminal shows, and saving images; headless.

A terminal draws text: images are saved to the lesson's output folder (output_files.py; their path
shown), and of the text parts (``shown_text``):
- ``text/markdown`` is rendered;
- an HTML table (a pandas DataFrame) is drawn as a table (``html_output.py``); its ``text/plain`` stays
  the fallback where the table is too wide to draw unwrapped (pandas lays a wide frame out in blocks
  of columns there);
- ``text/latex`` is shown as Unicode text (pylatexenc), and an HTML output that holds no table as its
  text, when their ``text/plain`` only names the object (``<IPython.core.display.Math object>``):
  a ``text/plain`` with content (sympy's pretty print) is the better of the two;
- ``text/plain``, which every kernel sends, otherwise.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from studytui.core.kernel.html_output import HtmlTable, html_text, read_html_table
from studytui.core.kernel.output_files import save_content
from studytui.core.text import clean_text

IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/svg+xml": ".svg"}
TEXT_TYPES = ("text/markdown", "text/html", "text/latex", "text/plain")
MAX_LATEX = 10_000  # characters of LaTeX read; a longer one is shown as it came


def as_text(value: Any) -> str:
    """A bundle value as a string (nbformat allows a list of lines)."""
    if isinstance(value, list):
        return "".join(str(part) for part in value)
    return "" if value is None else str(value)


def plain_text(data: dict[str, Any]) -> str:
    text = as_text(data.get("text/plain"))
    if text:
        return text
    kinds = ", ".join(sorted(data)) or "nothing"
    return f"[output of type {kinds}: not shown in the terminal]"


def image_type(data: dict[str, Any]) -> str | None:
    """The first image MIME type in the bundle, if any."""
    return next((mime for mime in IMAGE_TYPES if mime in data), None)


@dataclass(frozen=True)
class ShownText:
    """The text part of a bundle the terminal shows: `kind` is its MIME type, `text` what to draw
    (markdown source, LaTeX or HTML as text, text/plain); with `table`, `text` is the text/plain to
    draw where the table does not fit ("" when there is none worth showing)."""

    kind: str
    text: str
    table: HtmlTable | None = None


def only_names_the_object(plain: str) -> bool:
    """A text/plain that is a default repr, `<IPython.core.display.HTML object>` or `<Foo at 0x7f...>`:
    the bundle's other parts say more."""
    text = plain.strip()
    return (text.startswith("<") and text.endswith(">") and "\n" not in text
            and (text.endswith(" object>") or " at 0x" in text))


@lru_cache(maxsize=32)  # the live view draws a running cell's outputs again every frame
def latex_text(latex: str) -> str:
    """LaTeX as Unicode text (`\\alpha` as α, `\\frac{a}{b}` as a/b), or the LaTeX as it came when
    it cannot be read or is longer than MAX_LATEX."""
    if len(latex) > MAX_LATEX:
        return clean_text(latex)
    from pylatexenc.latex2text import LatexNodes2Text  # here: only a LaTeX output needs it

    try:
        text = LatexNodes2Text(math_mode="text").latex_to_text(latex)
    except Exception:  # a third-party parser given outside text: any failure shows the source
        return clean_text(latex)
    return "\n".join(line.strip() for line in clean_text(text).strip().split("\n"))


def shown_text(data: dict[str, Any]) -> ShownText:
    """Which text part of the bundle to draw, and how (the module's docstring says the order)."""
    markdown = as_text(data.get("text/markdown"))
    if markdown.strip():
        return ShownText("text/markdown", markdown)
    plain = as_text(data.get("text/plain"))
    plain_says_more = bool(plain.strip()) and not only_names_the_object(plain)
    html = as_text(data.get("text/html"))
    table = read_html_table(html) if html else None
    if table is not None:
        return ShownText("text/html", plain if plain_says_more else "", table)
    if not plain_says_more:
        latex = as_text(data.get("text/latex")).strip()
        if latex:
            return ShownText("text/latex", latex_text(latex))
        text = html_text(html) if html else ""
        if text:
            return ShownText("text/html", text)
    return ShownText("text/plain", plain_text(data))


def save_image(data: dict[str, Any], folder: Path) -> Path | None:
    """Write the bundle's image to ``folder``, named by its content (a picture drawn again is the
    file already there); ``None`` if it has none, it is bad or it cannot be saved."""
    mime = image_type(data)
    if mime is None:
        return None
    value = data[mime]
    try:
        if mime == "image/svg+xml":
            content = as_text(value).encode("utf-8")
        else:
            content = base64.b64decode(as_text(value), validate=False)
    except (binascii.Error, ValueError):
        return None
    return save_content(content, folder, IMAGE_TYPES[mime])
