"""A kernel whose port was taken between jupyter-client choosing it and the kernel binding it exits
as it starts ("Address already in use"): two programs starting kernels at once do that. The session
launches it again on new ports, as jupyter-client's restarter does for a kernel never alive; a kernel
that can never start still fails, after a few launches, with the reason in its log. Real ipykernel,
a real port held by another socket."""

from __future__ import annotations

import asyncio
import sys

import pytest

from studytui.core.kernel import ExecutionStatus, KernelSession, KernelStartError, KernelState
from studytui.core.kernel.process_api import START_ATTEMPTS
from tests.outputs import text_of
from tests.package_index import kernelspec

pytestmark = pytest.mark.timeout(120)
WAIT = 60.0

# Run as the kernel's command: the first time, the kernel's shell port is taken (by a socket this
# process holds and the kernel inherits) before ipykernel binds it; later launches run it as is.
PORT_TAKEN_ONCE = """
import json, os, socket, sys
marker, connection = sys.argv[1], sys.argv[2]
if not os.path.exists(marker):
    open(marker, "w").close()
    info = json.load(open(connection))
    taken = socket.socket()
    taken.bind((info["ip"], info["shell_port"]))
    taken.listen()
    taken.set_inheritable(True)
os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", "-f", connection])
"""


async def test_a_kernel_whose_port_was_taken_is_launched_again_on_new_ports(tmp_path, monkeypatch):
    script = tmp_path / "port_taken_once.py"
    script.write_text(PORT_TAKEN_ONCE)
    kernelspec(tmp_path, monkeypatch, "port-taken",
               [sys.executable, str(script), str(tmp_path / "taken-once"), "{connection_file}"])
    states: list[KernelState] = []
    log = tmp_path / "kernel.log"
    session = KernelSession("port-taken", cwd=tmp_path, on_state=states.append, log_path=log)
    try:
        await asyncio.wait_for(session.start(), WAIT)
        outputs: list[object] = []
        result = await asyncio.wait_for(session.execute("print(6 * 7)", outputs.append), WAIT)
    finally:
        await session.shutdown()
    assert (tmp_path / "taken-once").exists(), "the first launch found its port taken"
    assert "Address already in use" in log.read_text()
    assert "launching it again on new ports" in log.read_text()
    assert result.status is ExecutionStatus.OK and text_of(outputs).strip() == "42"
    assert states[:2] == [KernelState.STARTING, KernelState.IDLE], "the learner saw it start, not die"


async def test_a_kernel_that_never_starts_fails_after_a_few_launches(tmp_path, monkeypatch):
    never = [sys.executable, "-c", "print('launched', flush=True); raise SystemExit(3)"]
    kernelspec(tmp_path, monkeypatch, "never", never)
    log = tmp_path / "kernel.log"
    session = KernelSession("never", cwd=tmp_path, log_path=log)
    try:
        with pytest.raises(KernelStartError, match="exited during startup"):
            await asyncio.wait_for(session.start(), WAIT)
        assert session.state is KernelState.DEAD
    finally:
        await session.shutdown()
    assert log.read_text().count("launched") == START_ATTEMPTS
