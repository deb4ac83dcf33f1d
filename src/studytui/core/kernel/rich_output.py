"""Which part of a Jupyter MIME bundle a terminal shows, and saving images; headless.

A terminal draws text: markdown is rendered, images are saved to the lesson's output folder
(and their path shown), and ``text/plain`` is the fallback that every kernel sends.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from studytui.core.files import write_bytes_atomic

IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/svg+xml": ".svg"}
TEXT_TYPES = ("text/markdown", "text/plain")


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


def text_type(data: dict[str, Any]) -> str:
    """The richest text MIME type the terminal renders: markdown, else plain."""
    if as_text(data.get("text/markdown")).strip():
        return "text/markdown"
    return "text/plain"


def save_image(data: dict[str, Any], folder: Path, stem: str) -> Path | None:
    """Write the bundle's image to ``folder/stem.<ext>``; ``None`` if it has none or it is bad."""
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
    path = folder / f"{stem}{IMAGE_TYPES[mime]}"
    try:
        write_bytes_atomic(path, content, durable=False)  # a link planted at `path` is replaced, not followed
    except OSError:
        return None
    return path
