"""Every private Textual name studytui relies on, in one place.

Textual does not promise these: a new Textual may rename or drop any of them. Each is reached only
through this module (or, for the two hooks a widget overrides, named in `OVERRIDDEN_HOOKS`), and
`tests/ui/test_textual_private.py` fails loudly, naming the one that changed, when an upgrade
breaks one. pyproject.toml pins Textual to the minor release the suite runs with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.app import App
from textual.binding import Binding
from textual.document._wrapped_document import WrappedDocument
from textual.drivers.linux_driver import LinuxDriver
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = [
    "FooterKey",
    "LinuxDriver",
    "WrappedDocument",
    "call_before_crash",
    "footer_starts_full",
    "let_alt_f_through",
    "own_bindings",
    "wrapped_row_count",
]

# Hooks studytui's widgets override (the name is Textual's; the method is the widget's own):
# `Widget._on_key`, where TextArea and Input insert a printable key (OrderedKeys, CodeInput), and
# `LinuxDriver._run_input_thread`, the driver's input thread (lifecycle/terminal_driver.py).
OVERRIDDEN_HOOKS: tuple[tuple[type, str], ...] = ((Widget, "_on_key"), (LinuxDriver, "_run_input_thread"))

# Methods replaced here, each with the class that has it.
PRIVATE_ATTRIBUTES: tuple[tuple[type, str], ...] = (
    (App, "_handle_exception"),  # the error that is about to end the app
)
# Attributes of instances read or written here (the test makes an instance of each, or reads the
# constructor that sets it).
# Textual's table of the escape sequences terminals send, by sequence (`let_alt_f_through`).
PRIVATE_MODULE_NAMES = ("textual._ansi_sequences.ANSI_SEQUENCES_KEYS",)
PRIVATE_INSTANCE_ATTRIBUTES = (
    "Widget._bindings.key_to_bindings",  # a widget's own bindings by key
    "Footer._bindings_ready",  # the footer draws its keys
    "WrappedDocument._offset_to_line_info",  # one entry per visual row
    "LinuxDriver._file",  # the terminal the writer thread writes to
    "LinuxDriver._app",  # the app a driver reports to
)


def own_bindings(widget: Widget, key: str) -> tuple[Binding, ...]:
    """The bindings `widget` itself declares for `key` (not its ancestors')."""
    return tuple(widget._bindings.key_to_bindings.get(key, ()))


def wrapped_row_count(document: WrappedDocument) -> int:
    """How many visual rows a wrapped document has, in constant time."""
    return len(document._offset_to_line_info)


def footer_starts_full(footer: Footer) -> None:
    """A footer composed with its keys at once (Textual's composes empty, then fills itself)."""
    footer._bindings_ready = True


def call_before_crash(app_class: type[App[Any]], before: Callable[[Any, Exception], None]) -> None:
    """`before(app, error)` runs when an unexpected error is about to end an app of `app_class`."""
    original = app_class._handle_exception

    def handle_exception(app: App[Any], error: Exception) -> None:
        before(app, error)
        original(app, error)

    app_class._handle_exception = handle_exception  # type: ignore[method-assign,assignment]  # the hook is Textual's


def driver_file(driver: LinuxDriver) -> Any:
    return driver._file


def set_driver_file(driver: LinuxDriver, file: Any) -> None:
    driver._file = file


def driver_app(driver: LinuxDriver) -> App[Any]:
    return driver._app


ALT_F = "\x1bf"  # what a terminal sends for alt+f (meta sends escape)


def let_alt_f_through() -> None:
    """alt+f reaches the app as alt+f (the notes search). Textual reads ESC f as ctrl+right, for
    iTerm's "natural text editing" preset, whose option+right sends it: there, option+right is
    alt+f now, and ctrl+right (a sequence of its own in every terminal) still moves a word."""
    table = cast(dict[str, object], ANSI_SEQUENCES_KEYS)  # a dict, typed as a read-only Mapping
    table.pop(ALT_F, None)
