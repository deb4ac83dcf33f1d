"""How the app ends: a hang-up, SIGTERM or an unexpected error saves the notes and leaves nothing behind."""

from studytui.ui.lifecycle.ending import EndingControl
from studytui.ui.lifecycle.terminal_driver import hangup_safe

__all__ = ["EndingControl", "hangup_safe"]
