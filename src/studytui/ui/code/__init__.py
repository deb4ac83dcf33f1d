"""The code feature: the code pane (cell input, output log, input() prompt) and the kernel behind it."""

from studytui.ui.code.code_input import CodeInput
from studytui.ui.code.code_pane import CodePane, StdinPrompt
from studytui.ui.code.kernel_choice import kernel_session
from studytui.ui.code.kernel_control import InputWanted, KernelControl, LiveOutputChanged

__all__ = ["CodeInput", "CodePane", "InputWanted", "KernelControl", "LiveOutputChanged", "StdinPrompt", "kernel_session"]
