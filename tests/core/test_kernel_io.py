"""KernelSession input(), completion, inspection, display updates, plots and attaching to a
kernel started elsewhere; all against a real ipykernel."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from jupyter_client.manager import AsyncKernelManager

from studytui.core.kernel import (
    CellOutputs,
    ExecutionStatus,
    InputRequest,
    KernelSession,
    KernelState,
    Output,
    RichBlock,
    StreamText,
)
from tests.core.test_kernel import WAIT, Recorder, stdout_text


async def test_input_is_answered_through_on_input(rec: Recorder) -> None:
    outputs: list[Output] = []
    requests: list[InputRequest] = []

    def on_input(request: InputRequest) -> None:
        requests.append(request)
        rec.session.answer_input("Ada" if not request.password else "secret")

    code = "import getpass\nname = input('name? ')\npw = getpass.getpass('pw: ')\nprint(name, len(pw))"
    result = await asyncio.wait_for(rec.session.execute(code, outputs.append, on_input), WAIT)
    assert result.status is ExecutionStatus.OK
    assert [(r.prompt, r.password) for r in requests] == [("name? ", False), ("pw: ", True)]
    assert "Ada 6" in stdout_text(outputs)


async def test_a_pending_input_ends_on_interrupt(rec: Recorder) -> None:
    asked = asyncio.Event()
    outputs: list[Output] = []
    running = asyncio.create_task(rec.session.execute("input('never answered')", outputs.append, lambda r: asked.set()))
    await asyncio.wait_for(asked.wait(), WAIT)
    await rec.session.interrupt()
    result = await asyncio.wait_for(running, WAIT)
    assert result.status is ExecutionStatus.ERROR


async def test_complete_and_inspect(rec: Recorder) -> None:
    await rec.run("import collections\nmy_variable = 1")
    reply = await rec.session.complete("my_var", 6, timeout=WAIT)
    assert reply is not None and "my_variable" in reply["matches"]
    docs = await rec.session.inspect("collections.OrderedDict", 23, timeout=WAIT)
    assert docs is not None and docs["found"] and "Dictionary that remembers" in docs["data"]["text/plain"]


async def test_display_updates_and_clear_output_wait(rec: Recorder, tmp_path) -> None:
    cell = CellOutputs(tmp_path, "cell-1")
    code = (
        "from IPython.display import display, clear_output\n"
        "h = display('start', display_id=True)\n"
        "h.update('updated')\n"
        "for i in range(3):\n"
        "    clear_output(wait=True)\n"
        "    print('step', i)\n"
    )
    result = await asyncio.wait_for(rec.session.execute(code, cell.add), WAIT)
    assert result.status is ExecutionStatus.OK
    texts = [b.text.text() if hasattr(b, "text") else b.data.get("text/plain") for b in cell.blocks]
    assert texts == ["step 2\n"], texts


async def test_a_matplotlib_plot_is_saved_as_png(rec: Recorder, tmp_path) -> None:
    pytest.importorskip("matplotlib")
    cell = CellOutputs(tmp_path / "outputs", "cell-1")
    code = "import matplotlib.pyplot as plt\n%matplotlib inline\nplt.plot([1, 2, 3])\nplt.show()"
    result = await asyncio.wait_for(rec.session.execute(code, cell.add), 40)
    assert result.status is ExecutionStatus.OK
    images = [b.image_path for b in cell.blocks if isinstance(b, RichBlock) and b.image_path]
    assert images and images[0].read_bytes().startswith(b"\x89PNG")


@pytest.fixture
async def outside_kernel(tmp_path):
    """A kernel started by the test, as `jupyter kernel` would on another machine."""
    km = AsyncKernelManager(kernel_name="python3")
    km.connection_file = str(tmp_path / "kernel-outside.json")
    await km.start_kernel(stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    try:
        yield km
    finally:
        await km.shutdown_kernel(now=True)


async def test_existing_kernel_is_attached_and_left_running(outside_kernel, make_recorder: Callable[..., Recorder]):
    rec = make_recorder(existing=outside_kernel.connection_file)
    await asyncio.wait_for(rec.session.start(), WAIT)
    assert rec.session.attached and rec.session.state is KernelState.IDLE
    result, outputs = await rec.run("import os; print(os.getpid())")
    assert result.status is ExecutionStatus.OK
    assert int(stdout_text(outputs)) == outside_kernel.provisioner.process.pid
    # Interrupt over the control channel.
    begun = asyncio.Event()
    running = asyncio.create_task(
        rec.session.execute("print('go', flush=True)\nwhile True: pass", lambda o: begun.set())
    )
    await asyncio.wait_for(begun.wait(), WAIT)
    await rec.session.interrupt()
    assert (await asyncio.wait_for(running, WAIT)).status is ExecutionStatus.ERROR
    await rec.session.shutdown()
    assert await outside_kernel.is_alive(), "quitting must leave an attached kernel running"


async def test_a_bad_connection_file_is_a_clear_start_error(tmp_path, make_recorder):
    from studytui.core.kernel import KernelStartError

    rec = make_recorder(existing=tmp_path / "missing.json")
    with pytest.raises(KernelStartError, match="connection file"):
        await rec.session.start()


def test_stream_text_is_exported() -> None:
    assert StreamText("stdout", "x").text == "x" and KernelSession
