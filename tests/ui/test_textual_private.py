"""Every private Textual name studytui relies on is still there: a Textual upgrade that renames or
drops one fails here, naming it, instead of somewhere deep in a keystroke or a crash."""

from __future__ import annotations

import inspect

import pytest
from textual.driver import Driver
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets.text_area import Document

from studytui.ui import textual_private


@pytest.mark.parametrize(("owner", "name"), textual_private.OVERRIDDEN_HOOKS + textual_private.PRIVATE_ATTRIBUTES,
                         ids=lambda value: getattr(value, "__name__", value))
def test_each_private_attribute_is_still_there(owner, name):
    assert hasattr(owner, name), f"Textual's {owner.__name__}.{name} is gone: see ui/textual_private.py"


def test_the_private_instance_attributes_are_still_there():
    assert isinstance(textual_private.own_bindings(Widget(), "x"), tuple), "Widget._bindings.key_to_bindings"
    assert hasattr(Footer(), "_bindings_ready"), "Footer._bindings_ready"
    document = textual_private.WrappedDocument(Document("one\ntwo"), width=80)
    assert textual_private.wrapped_row_count(document) == 2, "WrappedDocument._offset_to_line_info"
    assert "self._file" in inspect.getsource(textual_private.LinuxDriver.__init__), "LinuxDriver._file"
    assert "self._app" in inspect.getsource(Driver.__init__), "LinuxDriver._app"


def test_each_listed_instance_attribute_is_checked():
    assert len(textual_private.PRIVATE_INSTANCE_ATTRIBUTES) == 5  # the five checked above


def test_alt_f_reaches_the_app_as_alt_f():
    from textual._xterm_parser import XTermParser

    import studytui.ui.app  # noqa: F401 (importing the app lets alt+f through)

    parser = XTermParser()
    keys = [event.key for event in parser.feed(textual_private.ALT_F) if hasattr(event, "key")]
    keys += [event.key for event in parser.feed("") if hasattr(event, "key")]
    assert keys == ["alt+f"], "textual._ansi_sequences.ANSI_SEQUENCES_KEYS: ESC f is no longer alt+f"
