"""The code feature: the code pane (cell input, output log, input() prompt) runs the cells in the kernel."""

from studytui.ui.code.code_input import CodeInput
from studytui.ui.code.code_pane import CodePane, WrittenCell
from studytui.ui.code.kernel_choice import kernel_session
from studytui.ui.code.kernel_protocol import KernelSession

__all__ = ["CodeInput", "CodePane", "KernelSession", "WrittenCell", "kernel_session"]
