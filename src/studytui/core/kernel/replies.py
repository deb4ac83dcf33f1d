"""The replies to completion and inspection requests, checked: what a kernel or a server sends
there is data of any shape; what the session hands out has the protocol's types; no I/O.
"""

from __future__ import annotations

from typing import Any

from studytui.core.kernel.wire import bool_field, dict_field, int_field, str_field


def checked_completion(reply: dict[str, Any], code_length: int, cursor_pos: int) -> dict[str, Any]:
    """A ``complete_reply`` content: ``matches`` strings only, the cursor span within the code."""
    matches = reply.get("matches")
    start = int_field(reply, "cursor_start")
    end = int_field(reply, "cursor_end")
    start = cursor_pos if start is None or not 0 <= start <= code_length else start
    end = cursor_pos if end is None or not start <= end <= code_length else end
    return {
        "status": str_field(reply, "status", "error"),
        "matches": [match for match in matches if isinstance(match, str)] if isinstance(matches, list) else [],
        "cursor_start": start,
        "cursor_end": end,
        "metadata": dict_field(reply, "metadata"),
    }


def checked_inspection(reply: dict[str, Any]) -> dict[str, Any]:
    """An ``inspect_reply`` content: ``found`` only with a ``text/plain`` string in ``data``."""
    data = dict_field(reply, "data")
    found = bool_field(reply, "found") and isinstance(data.get("text/plain"), str)
    return {
        "status": str_field(reply, "status", "error"),
        "found": found,
        "data": data if found else {},
        "metadata": dict_field(reply, "metadata"),
    }
