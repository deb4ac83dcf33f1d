"""An in-process kernel session for the UI tests where the kernel is not what they test.

It offers what the screen needs of a session (`studytui.ui.code.KernelSession`): cells run one at a
time, in order, in a namespace of this process (in a thread, so `input()` can wait for the answer),
with `print` and the value of a last expression sent as outputs, an error as an error output, and
completion from the namespace. No process starts, so an app with it is up at once. The kernel
itself (ZeroMQ, IPython, restarts, interrupts) is tested against a real ipykernel.
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import ctypes
import pydoc
import rlcompleter
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studytui.core.kernel import (
    ErrorOutput,
    ExecutionResult,
    ExecutionStatus,
    InputRequest,
    KernelState,
    Output,
    RichResult,
    StreamText,
)


class FakeKernel:
    """Runs cells in this process; every execution resolves, as the real session's do."""

    def __init__(self, kernel_name: str = "python3") -> None:
        self.on_state: Callable[[KernelState], None] | None = None
        self.kernel_name = kernel_name
        self.existing: Path | None = None
        self.start_notice: str | None = None
        self.executed: list[str] = []  # every cell run, in order
        self._state = KernelState.STOPPED
        self._count = 0
        self._namespace: dict[str, Any] = {"__name__": "__main__"}
        self._lock = asyncio.Lock()
        self._answer: str | None = None
        self._answered = threading.Event()
        self._running: int | None = None  # the thread running a cell

    @property
    def state(self) -> KernelState:
        return self._state

    @property
    def where(self) -> str:
        return ""

    @property
    def execution_count(self) -> int:
        return self._count

    @property
    def lost_reason(self) -> str | None:
        return None

    @property
    def attached(self) -> bool:
        return False

    def _set_state(self, state: KernelState) -> None:
        self._state = state
        if self.on_state is not None:
            self.on_state(state)

    async def start(self) -> None:
        self._set_state(KernelState.STARTING)
        await asyncio.sleep(0)
        self._set_state(KernelState.IDLE)

    async def restart(self) -> None:
        self._namespace = {"__name__": "__main__"}
        self._count = 0
        await self.start()

    async def shutdown(self) -> None:
        self._set_state(KernelState.STOPPED)

    async def interrupt(self) -> None:
        """A KeyboardInterrupt raised in the running cell (at its next Python line, as in IPython)."""
        if self._running is not None:
            thread, error = ctypes.c_ulong(self._running), ctypes.py_object(KeyboardInterrupt)
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, error)

    def kill_now(self) -> None:
        self._state = KernelState.STOPPED

    async def execute(
        self,
        code: str,
        on_output: Callable[[Output], None],
        on_input: Callable[[InputRequest], None] | None = None,
        silent: bool = False,
        store_history: bool | None = None,
    ) -> ExecutionResult:
        counted = not silent and store_history is not False  # as IPython numbers them
        async with self._lock:
            if self._state is not KernelState.IDLE:
                return ExecutionResult(ExecutionStatus.DIED, None)
            if not silent:
                self.executed.append(code)
            if counted:
                self._count += 1
            count = self._count if counted else None
            self._set_state(KernelState.BUSY)
            loop = asyncio.get_running_loop()

            def emit(output: Output) -> None:
                loop.call_soon_threadsafe(on_output, output)

            def ask(prompt: object = "") -> str:
                if on_input is None:
                    raise RuntimeError("input() is not allowed here")
                self._answered.clear()
                loop.call_soon_threadsafe(on_input, InputRequest(str(prompt), False))
                self._answered.wait()
                return self._answer or ""

            done: asyncio.Future[bool] = loop.create_future()

            def run() -> None:
                self._running = threading.get_ident()
                try:
                    ok = self._run(code, count, emit, ask)
                finally:
                    self._running = None
                loop.call_soon_threadsafe(lambda: done.done() or done.set_result(ok))

            # A daemon thread: a cell still running when the test ends never holds the process.
            threading.Thread(target=run, name="fake-kernel-cell", daemon=True).start()
            try:
                ok = await done
            finally:
                self._set_state(KernelState.IDLE)
            await asyncio.sleep(0)  # the outputs queued by the thread are delivered first
            return ExecutionResult(ExecutionStatus.OK if ok else ExecutionStatus.ERROR, count)

    def _run(self, code: str, count: int | None, emit: Callable[[Output], None], ask: Callable[..., str]) -> bool:
        def fake_print(
            *values: object, sep: str = " ", end: str = "\n", file: object = None, flush: bool = False
        ) -> None:
            emit(StreamText("stderr" if file is not None and "stderr" in repr(file) else "stdout",
                            sep.join(str(value) for value in values) + end))

        self._namespace["print"] = fake_print
        self._namespace["input"] = ask
        try:
            tree = ast.parse(code)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, "<cell>", "exec"), self._namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), self._namespace)
                if value is not None:
                    emit(RichResult(count, {"text/plain": repr(value)}))
        except BaseException as error:  # the cell's error is the cell's output
            lines = traceback.format_exception(error)
            emit(ErrorOutput(type(error).__name__, str(error), tuple(line.rstrip("\n") for line in lines)))
            return False
        return True

    def answer_input(self, text: str) -> None:
        self._answer = text
        self._answered.set()

    async def complete(self, code: str, cursor_pos: int, timeout: float = 5.0) -> dict[str, Any] | None:
        start = cursor_pos
        while start > 0 and (code[start - 1].isidentifier() or code[start - 1] in "._0123456789"):
            start -= 1
        word = code[start:cursor_pos]
        completer = rlcompleter.Completer({**vars(builtins), **self._namespace})
        matches = []
        while (match := completer.complete(word, len(matches))) is not None:
            matches.append(match.rstrip("("))
        return {"status": "ok", "matches": matches, "cursor_start": start, "cursor_end": cursor_pos}

    async def inspect(self, code: str, cursor_pos: int, timeout: float = 5.0) -> dict[str, Any] | None:
        start = cursor_pos
        while start > 0 and (code[start - 1].isidentifier() or code[start - 1] == "."):
            start -= 1
        name = code[start:cursor_pos]
        try:
            value = eval(name, {**vars(builtins), **self._namespace})
        except Exception:
            return {"status": "ok", "found": False, "data": {}}
        docs = pydoc.render_doc(value, renderer=pydoc.plaintext)
        return {"status": "ok", "found": True, "data": {"text/plain": docs}}
