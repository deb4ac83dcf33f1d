"""What the open lesson needs in the kernel: finding what is missing, and installing it."""

from studytui.ui.requirements.requirements import INSTALL_COMMAND, Requirements

__all__ = ["INSTALL_COMMAND", "Requirements"]
