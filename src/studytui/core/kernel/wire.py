"""The boundary with a kernel or a server: every message and every JSON answer is checked here, once,
before anything else reads it; no I/O.

A kernel or a server is not trusted to send what Jupyter's protocol says. A message that is not
the protocol's shape (no header, a list as ``content``, a string as ``parent_header``, JSON nested
deeper than any real message) raises ``MalformedMessage``: the reader logs it and goes on with the
next one. Past this point a message is a ``KernelMessage`` whose fields have their types, and the
``*_field`` readers give each value of a content the type the protocol gives it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# Containers nested deeper than this are refused: no Jupyter message comes close, and code that
# walks such a value (copying, rendering, writing a notebook) would hit Python's recursion limit.
MAX_DEPTH = 100


class MalformedMessage(ValueError):
    """A message or answer that is not the shape the protocol gives it.

    ``msg_type`` and ``parent_id`` are kept when they could be read, so the execution it answered
    can be told that its reply was lost.
    """

    def __init__(self, reason: str, msg_type: str = "", parent_id: str | None = None) -> None:
        super().__init__(reason)
        self.msg_type = msg_type
        self.parent_id = parent_id


@dataclass(frozen=True)
class KernelMessage:
    """A Jupyter message whose envelope has been checked."""

    msg_type: str
    parent_id: str | None  # the msg_id of the request it answers
    content: dict[str, Any]
    # When the kernel made it (its header's date, seconds since the epoch on the kernel's clock);
    # None when the header has no date that can be read.
    made: float | None = None


def loads(data: str | bytes) -> Any:
    """JSON from a server, nesting bounded; ``MalformedMessage`` when it is not JSON or too deep."""
    try:
        value = json.loads(data)
    except RecursionError as exc:  # the decoder recurses per level: deep input ends here
        raise MalformedMessage(f"nested deeper than {MAX_DEPTH} levels") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedMessage("not JSON") from exc
    check_depth(value)
    return value


def check_depth(value: object, limit: int = MAX_DEPTH) -> None:
    """``MalformedMessage`` when containers nest deeper than ``limit`` (walked without recursion)."""
    level: list[object] = [value]
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            raise MalformedMessage(f"nested deeper than {limit} levels")
        inner: list[object] = []
        for item in level:
            if isinstance(item, dict):
                inner.extend(v for v in item.values() if isinstance(v, dict | list))
            elif isinstance(item, list):
                inner.extend(v for v in item if isinstance(v, dict | list))
        level = inner


def checked_message(raw: object) -> KernelMessage:
    """The message ``raw`` (as jupyter-client or a websocket frame gives it), or ``MalformedMessage``."""
    if not isinstance(raw, dict):
        raise MalformedMessage(f"a message that is a {type(raw).__name__}, not an object")
    header = raw.get("header")
    if not isinstance(header, dict):
        raise MalformedMessage("a message without a header")
    msg_type = raw.get("msg_type") or header.get("msg_type")
    if not isinstance(msg_type, str) or not msg_type:
        raise MalformedMessage("a message without a type")
    parent = raw.get("parent_header")
    if parent is None:
        parent = {}
    if not isinstance(parent, dict):
        raise MalformedMessage(f"a {msg_type} whose parent_header is not an object", msg_type)
    parent_id = parent.get("msg_id")
    if parent_id is not None and not isinstance(parent_id, str):
        raise MalformedMessage(f"a {msg_type} whose parent msg_id is not a string", msg_type)
    parent_id = parent_id or None
    content = raw.get("content")
    if content is None:
        content = {}
    if not isinstance(content, dict):
        raise MalformedMessage(f"a {msg_type} whose content is not an object", msg_type, parent_id)
    try:
        check_depth(content)
    except MalformedMessage as exc:
        raise MalformedMessage(f"a {msg_type} whose content is {exc}", msg_type, parent_id) from exc
    return KernelMessage(msg_type, parent_id, content, made_at(header.get("date")))


def made_at(date: object) -> float | None:
    """A header's date as seconds since the epoch: jupyter-client gives a datetime, a server's
    websocket an ISO 8601 string; a date without a zone is UTC, as the protocol says."""
    if isinstance(date, str):
        try:
            date = datetime.fromisoformat(date)
        except ValueError:
            return None
    if not isinstance(date, datetime):
        return None
    return (date if date.tzinfo is not None else date.replace(tzinfo=UTC)).timestamp()


# ----- the values of a content, each with the type the protocol gives it --------------------------


def str_field(content: dict[str, Any], key: str, default: str = "") -> str:
    value = content.get(key, default)
    return value if isinstance(value, str) else default


def required_str(content: dict[str, Any], key: str, what: str) -> str:
    value = content.get(key)
    if not isinstance(value, str):
        raise MalformedMessage(f"a {what} whose {key} is not a string", what)
    return value


def int_field(content: dict[str, Any], key: str) -> int | None:
    """An integer, or None when missing or of another type (``True`` and ``"5"`` included)."""
    value = content.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def bool_field(content: dict[str, Any], key: str, default: bool = False) -> bool:
    value = content.get(key, default)
    return value if isinstance(value, bool) else default


def dict_field(content: dict[str, Any], key: str) -> dict[str, Any]:
    value = content.get(key)
    return value if isinstance(value, dict) else {}


def mime_bundle(content: dict[str, Any], key: str, what: str) -> dict[str, Any]:
    """A MIME bundle (``data``): an object whose keys are MIME types; ``MalformedMessage`` otherwise."""
    value = content.get(key)
    if not isinstance(value, dict):
        raise MalformedMessage(f"a {what} whose {key} is not an object", what)
    return value


def str_list(content: dict[str, Any], key: str, what: str) -> tuple[str, ...]:
    value = content.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise MalformedMessage(f"a {what} whose {key} is not a list of strings", what)
    return tuple(value)
