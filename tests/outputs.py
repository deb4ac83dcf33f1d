"""What a cell's outputs say, for the kernel tests."""

from __future__ import annotations

from studytui.core.kernel import Output, StreamText


def text_of(outputs: list[Output]) -> str:
    """Everything the cell printed (its stream outputs), in order."""
    return "".join(o.text for o in outputs if isinstance(o, StreamText))
