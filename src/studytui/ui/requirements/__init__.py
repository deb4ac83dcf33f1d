"""What the open lesson needs in the kernel: finding what is missing, and installing it."""

from studytui.ui.requirements.requirements_control import INSTALL_COMMAND, RequirementsController

__all__ = ["INSTALL_COMMAND", "RequirementsController"]
