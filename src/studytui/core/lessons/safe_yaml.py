"""YAML front matter read without aliases: no file can make the loader exhaust time or memory.

PyYAML expands aliases without limit, so a few hundred bytes of nested `*name` references can take
minutes and gigabytes ("billion laughs"). Front matter never needs them: an alias is a located
error. Nesting so deep that it would overflow the parser's stack is one too.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None, None, "aliases (*name) are not allowed in front matter: write the value out", event.start_mark
            )
        return super().compose_node(parent, index)  # type: ignore[arg-type]


def compose_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The YAML document's node tree (for key lines) and its data, from one parse. Raises YAMLError."""
    loader = _NoAliasLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise yaml.YAMLError("front matter is nested too deeply") from None
    finally:
        loader.dispose()
