"""Picking up a lesson where it was left: its earlier cells shown, and replayed to rebuild the kernel."""

from studytui.ui.resume.replay_control import REPLAY_COMMAND, ReplayController
from studytui.ui.resume.replay_picker import ReplayPicker

__all__ = ["REPLAY_COMMAND", "ReplayController", "ReplayPicker"]
