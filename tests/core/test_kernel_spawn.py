"""The python3 kernel spawned by the command line before the kernel stack is imported: the session
takes that very process when it is the kernel it would launch, and launches its own otherwise (the
spawned one ended), with no connection file left behind either way."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import psutil
import pytest

from studytui.core.kernel import ExecutionStatus, KernelSession
from studytui.core.kernel_spawn import SpawnedKernel, spawn_kernel
from tests.outputs import text_of
from tests.waiting import until_sync

pytestmark = pytest.mark.timeout(90)
WAIT = 30.0


def gone(pid: int) -> bool:
    return not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def spawned_in(tmp_path: Path) -> SpawnedKernel:
    spawned = spawn_kernel("python3", tmp_path, tmp_path / "kernel.log")
    assert spawned is not None, "the python3 kernel of this environment is spawned"
    return spawned


def run_pid(session: KernelSession, folder: Path) -> int:
    async def run() -> int:
        try:
            await asyncio.wait_for(session.start(), WAIT)
            outputs: list[object] = []
            code = "import os; print(os.getpid(), os.getcwd())"
            result = await asyncio.wait_for(session.execute(code, outputs.append), WAIT)
            assert result.status is ExecutionStatus.OK, outputs
            pid, cwd = text_of(outputs).split()
            assert Path(cwd) == folder, "the kernel runs in the notes folder"
            return int(pid)
        finally:
            await session.shutdown()

    return asyncio.run(run())


def test_the_spawned_kernel_is_the_one_the_session_runs_cells_in(tmp_path):
    spawned = spawned_in(tmp_path)
    session = KernelSession(cwd=tmp_path, log_path=tmp_path / "kernel.log")
    session.launch_now(spawned)
    assert run_pid(session, tmp_path) == spawned.process.pid
    assert "took the kernel spawned at launch" in (tmp_path / "kernel.log").read_text()
    assert gone(spawned.process.pid), "shut down with the session"
    spawned.end()  # as at exit
    assert not spawned.connection_file.exists(), "its private connection file goes with it"


def test_a_spawned_kernel_that_is_not_the_one_to_launch_is_ended_and_another_runs(tmp_path, monkeypatch):
    spawned = spawned_in(tmp_path)
    monkeypatch.setenv("STUDYTUI_TEST_CHANGED", "after the spawn")  # the session would launch another
    session = KernelSession(cwd=tmp_path, log_path=tmp_path / "kernel.log")
    session.launch_now(spawned)
    pid = run_pid(session, tmp_path)
    assert pid != spawned.process.pid
    assert spawned.process.poll() is not None, "the spawned one was ended"
    assert "launching another" in (tmp_path / "kernel.log").read_text()
    assert not spawned.connection_file.exists()


def test_a_spawned_kernel_that_died_is_replaced(tmp_path):
    spawned = spawned_in(tmp_path)
    spawned.process.kill()
    spawned.process.wait(10)
    session = KernelSession(cwd=tmp_path, log_path=tmp_path / "kernel.log")
    session.launch_now(spawned)
    assert run_pid(session, tmp_path) != spawned.process.pid


def test_only_the_python3_kernel_is_spawned_early(tmp_path):
    assert spawn_kernel("ir", tmp_path, None) is None
    assert os.listdir(tmp_path) == []


def listening(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_a_kernel_listening_before_the_session_connects_answers_input_without_waiting(tmp_path):
    """The stdin handshake with a kernel already up happens at once: it is watched from before the
    socket connects (a watch attached after connecting missed it and waited its whole 5 s)."""
    spawned = spawned_in(tmp_path)
    port = int(spawned.connection["stdin_port"])  # type: ignore[call-overload]
    until_sync(lambda: listening(port), timeout=30, what="the spawned kernel listening")
    for _ in range(3):
        session = KernelSession(cwd=tmp_path, log_path=tmp_path / "kernel.log")
        session.launch_now(spawned)

        async def run() -> str:
            try:
                await asyncio.wait_for(session.start(), WAIT)
                outputs: list[object] = []
                result = await asyncio.wait_for(
                    session.execute("print(input('name? ') * 2)", outputs.append,
                                    lambda _request: session.answer_input("ab")), WAIT)
                assert result.status is ExecutionStatus.OK
                return text_of(outputs)
            finally:
                await session.shutdown()

        assert asyncio.run(run()) == "abab\n"
        assert "stdin channel not connected" not in (tmp_path / "kernel.log").read_text()
        spawned = spawned_in(tmp_path)
        port = int(spawned.connection["stdin_port"])  # type: ignore[call-overload]
        until_sync(lambda: listening(port), timeout=30, what="the spawned kernel listening")  # noqa: B023
    spawned.end()
