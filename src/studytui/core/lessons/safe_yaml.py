"""YAML front matter read without aliases: no file can make the loader exhaust time or memory.

PyYAML builds nested `*name` references as shared objects, but anything that walks the value (an
error message quoting it, `str()`) expands them without limit: a few hundred bytes took minutes and
gigabytes ("billion laughs"). Front matter never needs aliases: one is a located error. So is nesting deeper than
any front matter needs (it would exhaust the composer's stack).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent

MAX_DEPTH = 50  # nested lists and mappings; front matter needs two or three


class _NoAliasLoader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None, None, "aliases (*name) are not allowed in front matter: write the value out", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(
                    None,
                    None,
                    f"front matter is nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1


def compose_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The YAML document's node tree (for key lines) and its data, from one parse. Raises YAMLError."""
    _refuse_deep_flow(text)
    loader = _NoAliasLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise yaml.YAMLError("front matter is nested too deeply") from None
    finally:
        loader.dispose()


def _refuse_deep_flow(text: str) -> None:
    """Refuse `[[[[...` or `{{{{...` deeper than MAX_DEPTH before PyYAML sees it: its scanner
    takes time quadratic in the depth of flow collections (seconds for a few thousand)."""
    depth, quote = 0, ""
    line = 0
    for char in text:
        if char == "\n":
            line += 1
            quote = ""  # a quoted scalar that spans lines is rare; a miscount only errs towards allowing
        elif quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                mark = yaml.Mark("<front matter>", 0, line, 0, None, None)  # type: ignore[arg-type]  # no buffer: PyYAML takes None
                raise ComposerError(None, None, f"front matter is nested more than {MAX_DEPTH} levels deep", mark)
        elif char in "]}":
            depth = max(0, depth - 1)
