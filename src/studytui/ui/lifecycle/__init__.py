"""How the app ends when nobody chose it: a terminal that goes away."""

from studytui.ui.lifecycle.terminal_driver import hangup_safe

__all__ = ["hangup_safe"]
