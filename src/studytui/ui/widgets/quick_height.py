"""A TextArea whose cost per key does not grow with the document's length.

Textual's ``WrappedDocument.height`` sums the wrap offsets of every line, and ``TextArea`` asks
for it for every row it draws: a key in a 10,000-line notes file cost over a second to echo. The
wrapped document already keeps one entry per visual row, so its height is that list's length.
Drop this when Textual caches the height itself.
"""

from __future__ import annotations

from studytui.ui.textual_private import WrappedDocument, wrapped_row_count


class QuickHeightWrappedDocument(WrappedDocument):
    @property
    def height(self) -> int:
        return wrapped_row_count(self)


class QuickHeight:
    """Mix in before ``TextArea``: its wrapped document answers its height in constant time."""

    _quick_wrapped: WrappedDocument

    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._quick_wrapped

    @wrapped_document.setter
    def wrapped_document(self, wrapped: WrappedDocument) -> None:
        # The TextArea builds a plain WrappedDocument on every load: same data, faster height.
        if type(wrapped) is WrappedDocument:
            wrapped.__class__ = QuickHeightWrappedDocument
        self._quick_wrapped = wrapped
