"""KernelSession against a real ipykernel (the venv's python3 kernelspec).

No sleeps as synchronisation: every wait is on a condition (an asyncio.Event set from
on_state / on_output, or the execution's own result) bounded by asyncio.wait_for.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from studytui.core.kernel import (
    ErrorOutput,
    ExecutionResult,
    ExecutionStatus,
    KernelSession,
    KernelStartError,
    KernelState,
    Output,
    PendingExecution,
    RichResult,
    StreamText,
)

WAIT = 20.0  # upper bound for any single wait; the real numbers are far smaller


class Recorder:
    """A KernelSession plus the states it reported, with a way to wait for one."""

    def __init__(self, **kwargs: object) -> None:
        self.states: list[KernelState] = []
        self._state_events = {state: asyncio.Event() for state in KernelState}
        self.session = KernelSession(on_state=self._on_state, **kwargs)  # type: ignore[arg-type]

    def _on_state(self, state: KernelState) -> None:
        self.states.append(state)
        self._state_events[state].set()

    async def reached(self, state: KernelState, timeout: float = WAIT) -> None:
        await asyncio.wait_for(self._state_events[state].wait(), timeout)

    async def run(self, code: str, timeout: float = WAIT) -> tuple[ExecutionResult, list[Output]]:
        outputs: list[Output] = []
        result = await asyncio.wait_for(self.session.execute(code, outputs.append), timeout)
        return result, outputs


def stdout_text(outputs: list[Output]) -> str:
    return "".join(o.text for o in outputs if isinstance(o, StreamText) and o.name == "stdout")


def pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def kernel_pid(rec: Recorder) -> int:
    _, outputs = await rec.run("import os; print(os.getpid())")
    return int(stdout_text(outputs))


async def start_busy_loop(
    rec: Recorder, outputs: list[Output] | None = None
) -> asyncio.Task[ExecutionResult]:
    """Run an endless loop in the kernel; returns once it has certainly begun (it printed)."""
    begun = asyncio.Event()
    seen = outputs if outputs is not None else []

    def on_output(output: Output) -> None:
        seen.append(output)
        begun.set()

    code = "print('go', flush=True)\nwhile True: pass"
    running = asyncio.create_task(rec.session.execute(code, on_output))
    await asyncio.wait_for(begun.wait(), WAIT)
    return running


@pytest.fixture
async def make_recorder() -> AsyncIterator[Callable[..., Recorder]]:
    """Build recorders (sessions not started); every session is shut down afterwards."""
    recorders: list[Recorder] = []

    def make(**kwargs: object) -> Recorder:
        recorders.append(Recorder(**kwargs))
        return recorders[-1]

    try:
        yield make
    finally:
        for rec in recorders:
            await asyncio.wait_for(rec.session.shutdown(), WAIT)


@pytest.fixture
async def rec(make_recorder: Callable[..., Recorder]) -> Recorder:
    """A started session."""
    recorder = make_recorder()
    await asyncio.wait_for(recorder.session.start(), WAIT)
    return recorder


async def test_start_reaches_idle_on_the_venv_interpreter(rec: Recorder) -> None:
    assert rec.session.state is KernelState.IDLE
    assert rec.states == [KernelState.STARTING, KernelState.IDLE]
    assert not rec.session.busy
    _, outputs = await rec.run("import sys; print(sys.executable)")
    assert stdout_text(outputs).strip() == sys.executable


async def test_print_gives_stdout_and_ok(rec: Recorder) -> None:
    result, outputs = await rec.run("print('hi')")
    assert result.status is ExecutionStatus.OK
    assert isinstance(result.execution_count, int)
    assert outputs == [StreamText("stdout", "hi\n")]
    assert rec.states[-2:] == [KernelState.BUSY, KernelState.IDLE]
    assert rec.session.state is KernelState.IDLE


async def test_expression_gives_rich_result(rec: Recorder) -> None:
    result, outputs = await rec.run("6*7")
    assert result.status is ExecutionStatus.OK
    [rich] = outputs
    assert isinstance(rich, RichResult)
    assert rich.data["text/plain"] == "42"
    assert rich.execution_count == result.execution_count
    assert isinstance(rich.execution_count, int)


async def test_exception_gives_ansi_traceback_and_error(rec: Recorder) -> None:
    result, outputs = await rec.run("1/0")
    assert result.status is ExecutionStatus.ERROR
    [error] = outputs
    assert isinstance(error, ErrorOutput)
    assert error.ename == "ZeroDivisionError"
    assert any("\x1b[" in line for line in error.traceback)
    # The error aborts nothing we send afterwards.
    after, outputs = await rec.run("print('after')")
    assert after.status is ExecutionStatus.OK
    assert stdout_text(outputs) == "after\n"


async def test_stderr_stream(rec: Recorder) -> None:
    result, outputs = await rec.run("import sys; print('oops', file=sys.stderr)")
    assert result.status is ExecutionStatus.OK
    assert StreamText("stderr", "oops\n") in outputs


async def test_input_raises_instead_of_hanging(rec: Recorder) -> None:
    result, outputs = await rec.run("input('name? ')")
    assert result.status is ExecutionStatus.ERROR
    [error] = [o for o in outputs if isinstance(o, ErrorOutput)]
    assert error.ename == "StdinNotImplementedError"


async def test_faulty_output_callback_does_not_stop_the_session(rec: Recorder) -> None:
    def explode(_output: Output) -> None:
        raise RuntimeError("ui bug")

    result = await asyncio.wait_for(rec.session.execute("print(1)", explode), WAIT)
    assert result.status is ExecutionStatus.OK
    result, outputs = await rec.run("print(2)")
    assert stdout_text(outputs) == "2\n"


async def test_interrupt_ends_a_busy_loop_quickly(rec: Recorder) -> None:
    outputs: list[Output] = []
    running = await start_busy_loop(rec, outputs)
    assert rec.session.busy and rec.session.state is KernelState.BUSY
    await rec.session.interrupt()
    result = await asyncio.wait_for(running, 5)  # how soon: bench/bench_kernel_events.py
    assert result.status is ExecutionStatus.ERROR
    assert [o.ename for o in outputs if isinstance(o, ErrorOutput)] == ["KeyboardInterrupt"]
    result, outputs = await rec.run("print('still here')")
    assert stdout_text(outputs) == "still here\n"


async def test_kernel_death_resolves_died_then_restart_recovers(rec: Recorder) -> None:
    result, _ = await rec.run("import os; os._exit(1)", timeout=5)  # how soon: bench/bench_kernel_events.py
    assert result.status is ExecutionStatus.DIED
    assert rec.session.state is KernelState.DEAD
    # Until a restart every execution answers at once.
    later, _ = await rec.run("1+1", timeout=1)
    assert later.status is ExecutionStatus.DIED

    await asyncio.wait_for(rec.session.restart(), WAIT)
    assert rec.session.state is KernelState.IDLE
    assert rec.states[-3:] == [KernelState.DEAD, KernelState.STARTING, KernelState.IDLE]
    result, outputs = await rec.run("print(1+1)")
    assert result.status is ExecutionStatus.OK
    assert stdout_text(outputs) == "2\n"


async def test_restart_during_busy_loop_resolves_restarted(rec: Recorder) -> None:
    old_pid = await kernel_pid(rec)
    running = await start_busy_loop(rec)
    queued = asyncio.create_task(rec.session.execute("print('queued')", lambda _o: None))
    await asyncio.wait_for(rec.session.restart(), WAIT)
    assert (await asyncio.wait_for(running, WAIT)).status is ExecutionStatus.RESTARTED
    # Cells queued before the restart belong to the old kernel's session: they do not run.
    assert (await asyncio.wait_for(queued, WAIT)).status is ExecutionStatus.RESTARTED
    assert rec.session.state is KernelState.IDLE
    assert not pid_exists(old_pid)
    result, outputs = await rec.run("print('fresh')")
    assert result.status is ExecutionStatus.OK and stdout_text(outputs) == "fresh\n"


async def test_execute_before_start_finished_runs_once_ready(
    make_recorder: Callable[..., Recorder],
) -> None:
    rec = make_recorder()
    starting = asyncio.create_task(rec.session.start())
    await rec.reached(KernelState.STARTING)
    assert rec.session.state is KernelState.STARTING
    result, outputs = await rec.run("print('early')")
    assert starting.done()
    assert result.status is ExecutionStatus.OK
    assert stdout_text(outputs) == "early\n"


async def test_executions_run_one_at_a_time_in_call_order(rec: Recorder) -> None:
    printed: list[str] = []

    def collect(output: Output) -> None:
        assert isinstance(output, StreamText)
        printed.append(output.text)

    # Shorter sleeps later: were they run concurrently, the prints would come out reversed.
    code = "import time; time.sleep(0.0{0}); print({0})"
    runs = [rec.session.execute(code.format(i), collect) for i in (3, 2, 1)]
    results = await asyncio.wait_for(asyncio.gather(*runs), WAIT)
    assert [r.status for r in results] == [ExecutionStatus.OK] * 3
    assert printed == ["3\n", "2\n", "1\n"]
    counts = [r.execution_count for r in results]
    assert counts == sorted(counts)


async def test_shutdown_leaves_no_kernel_process(rec: Recorder) -> None:
    pid = await kernel_pid(rec)
    assert pid_exists(pid)
    await asyncio.wait_for(rec.session.shutdown(), WAIT)
    assert rec.session.state is KernelState.STOPPED
    assert not pid_exists(pid)
    await asyncio.wait_for(rec.session.shutdown(), WAIT)  # idempotent
    result, _ = await rec.run("1", timeout=1)
    assert result.status is ExecutionStatus.DIED


async def test_shutdown_during_execution_resolves_died(rec: Recorder) -> None:
    pid = await kernel_pid(rec)
    running = await start_busy_loop(rec)
    await asyncio.wait_for(rec.session.shutdown(), WAIT)
    assert (await asyncio.wait_for(running, WAIT)).status is ExecutionStatus.DIED
    assert not pid_exists(pid)


async def test_kill_now_kills_synchronously(rec: Recorder) -> None:
    pid = await kernel_pid(rec)
    rec.session.kill_now()
    assert not pid_exists(pid)
    await rec.reached(KernelState.DEAD)


async def test_kernel_chatter_goes_to_the_log_not_the_terminal(
    make_recorder: Callable[..., Recorder], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "kernel.log"
    rec = make_recorder(log_path=log, cwd=tmp_path)
    await asyncio.wait_for(rec.session.start(), WAIT)
    _, outputs = await rec.run("import os; print(os.getcwd())")
    assert stdout_text(outputs).strip() == str(tmp_path)
    await asyncio.wait_for(rec.session.shutdown(), WAIT)
    captured = capfd.readouterr()
    assert "without encryption" not in captured.err + captured.out
    assert "without encryption" in log.read_text()


async def test_unknown_kernel_raises_start_error(make_recorder: Callable[..., Recorder]) -> None:
    rec = make_recorder(kernel_name="no-such-kernel-here")
    with pytest.raises(KernelStartError):
        await asyncio.wait_for(rec.session.start(), WAIT)
    assert rec.session.state is KernelState.DEAD
    result, _ = await rec.run("1", timeout=1)
    assert result.status is ExecutionStatus.DIED


def pending_execution(reply: dict[str, object] | None, idle: bool) -> PendingExecution:
    done: asyncio.Future[ExecutionResult] = asyncio.get_running_loop().create_future()
    return PendingExecution(lambda _o: None, done, reply=reply, idle=idle, last_iopub=10.0)


@pytest.mark.parametrize(
    ("reply", "idle", "now", "expected"),
    [
        (None, True, 99.0, None),  # no reply yet: never complete, however long
        ({"status": "ok", "execution_count": 3}, False, 10.5, None),  # idle still expected
        ({"status": "ok", "execution_count": 3}, True, 10.5, ExecutionStatus.OK),
        ({"status": "error", "execution_count": 4}, True, 10.5, ExecutionStatus.ERROR),
        ({"status": "aborted"}, False, 10.0, ExecutionStatus.ABORTED),  # may never get an idle
        ({"status": "ok", "execution_count": 3}, False, 12.0, ExecutionStatus.OK),  # idle lost
    ],
)
async def test_pending_execution_outcome(
    reply: dict[str, object] | None, idle: bool, now: float, expected: ExecutionStatus | None
) -> None:
    outcome = pending_execution(reply, idle).outcome(now, idle_grace=2.0)
    assert (outcome.status if outcome else None) == expected
    if outcome is not None and reply is not None:
        assert outcome.execution_count == reply.get("execution_count")
