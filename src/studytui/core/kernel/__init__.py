"""The kernel domain: a Jupyter kernel session and everything a cell produces.

It owns starting, attaching to and stopping a kernel and talking to it (`KernelSession`, made of a
process: a kernel started here, one attached with `--existing`, or one on a Jupyter Server or
gateway (`RemoteKernelSession`) over its REST API and websocket; and the client of its channels),
routing its messages to the execution that caused them (every message checked at the boundary),
the outputs of a cell as Jupyter defines them (streams drawn as a terminal would, rich MIME
bundles and which of their parts a terminal shows: markdown, an HTML table, LaTeX as text; errors)
and what a reply asks of the front end (help pages, the next input, exit), the lesson's notebook
(the record of every cell run, its clean export, its earlier cells read back and which of them may
be replayed) and the code cell's input history.
Every execution resolves: ok, error, aborted, kernel died or restarted, disconnected, reply lost.
Nothing here imports Textual; the code pane renders what this package hands out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studytui.core.kernel.cell_output import Block, CellOutputs, ErrorBlock, RichBlock, StreamBlock, outputs_as_text
from studytui.core.kernel.docs import DocsParts, docs_parts, strip_ansi
from studytui.core.kernel.history import InputHistory
from studytui.core.kernel.html_output import HtmlTable
from studytui.core.kernel.launch import kernel_session_for, kernel_workdir, server_address_of
from studytui.core.kernel.messages import (
    ClearOutput,
    DisplayData,
    ErrorOutput,
    ExecutionResult,
    ExecutionStatus,
    InputRequest,
    KernelState,
    Output,
    RichResult,
    StreamText,
)
from studytui.core.kernel.notebook import LessonNotebook, NotebookWriteError
from studytui.core.kernel.notebook_cells import KernelRun
from studytui.core.kernel.notebook_export import (
    CleanNotebook,
    NothingToExport,
    clean_notebook_path,
    export_clean_notebook,
    export_lesson_notebook,
)
from studytui.core.kernel.notebook_file import NotAFile
from studytui.core.kernel.output_buffer import TerminalText, hidden_marker
from studytui.core.kernel.output_files import folder_problem
from studytui.core.kernel.payloads import ExitRequest, HelpPage, NextInput
from studytui.core.kernel.process_api import KernelLost, KernelStartError
from studytui.core.kernel.remote_memory import RemoteKernelMemory
from studytui.core.kernel.replay import SavedCell, read_saved_cells
from studytui.core.kernel.replay_plan import ReplayChoice, plan_replay
from studytui.core.kernel.rich_output import ShownText, as_text, plain_text, shown_text
from studytui.core.kernel.routing import PendingExecution
from studytui.core.kernel.saved_outputs import SavedError, SavedOutput, SavedRich, SavedStream, outputs_view
from studytui.core.kernel.server_address import TOKEN_ENV, ServerAddress, ServerAddressError, parse_server_url
from studytui.core.kernel.session import KernelSession

if TYPE_CHECKING:  # loaded on first use below
    from studytui.core.kernel.remote_session import RemoteKernelSession
    from studytui.core.kernel.server_api import KernelSpecInfo, RemoteKernel, ServerApi
    from studytui.core.kernel.server_http import RemoteKernelError

__all__ = [
    "TOKEN_ENV",
    "Block",
    "CellOutputs",
    "CleanNotebook",
    "ClearOutput",
    "DisplayData",
    "DocsParts",
    "ErrorBlock",
    "ErrorOutput",
    "ExecutionResult",
    "ExecutionStatus",
    "ExitRequest",
    "HelpPage",
    "HtmlTable",
    "InputHistory",
    "InputRequest",
    "KernelLost",
    "KernelRun",
    "KernelSession",
    "KernelSpecInfo",
    "KernelStartError",
    "KernelState",
    "LessonNotebook",
    "NextInput",
    "NotAFile",
    "NotebookWriteError",
    "NothingToExport",
    "Output",
    "PendingExecution",
    "RemoteKernel",
    "RemoteKernelError",
    "RemoteKernelMemory",
    "RemoteKernelSession",
    "ReplayChoice",
    "RichBlock",
    "RichResult",
    "SavedCell",
    "SavedError",
    "SavedOutput",
    "SavedRich",
    "SavedStream",
    "ServerAddress",
    "ServerAddressError",
    "ServerApi",
    "ShownText",
    "StreamBlock",
    "StreamText",
    "TerminalText",
    "as_text",
    "clean_notebook_path",
    "docs_parts",
    "export_clean_notebook",
    "export_lesson_notebook",
    "folder_problem",
    "hidden_marker",
    "kernel_session_for",
    "kernel_workdir",
    "outputs_as_text",
    "outputs_view",
    "parse_server_url",
    "plain_text",
    "plan_replay",
    "read_saved_cells",
    "server_address_of",
    "shown_text",
    "strip_ansi",
]

# The Jupyter Server transport pulls in tornado's HTTP and websocket clients (about a fifth of a
# second): loaded on first use, so a local kernel's launch does not pay for it.
if TYPE_CHECKING:  # loaded on first use (tornado, only for a server): named here for the type checker
    from studytui.core.kernel.remote_session import RemoteKernelSession
    from studytui.core.kernel.server_api import KernelSpecInfo, RemoteKernel, RemoteKernelError, ServerApi

_REMOTE = {
    "RemoteKernelSession": "studytui.core.kernel.remote_session",
    "KernelSpecInfo": "studytui.core.kernel.server_api",
    "RemoteKernel": "studytui.core.kernel.server_api",
    "ServerApi": "studytui.core.kernel.server_api",
    "RemoteKernelError": "studytui.core.kernel.server_http",
}


def __getattr__(name: str) -> object:
    if name in _REMOTE:
        import importlib

        return getattr(importlib.import_module(_REMOTE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
