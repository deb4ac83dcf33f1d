"""What a console needs from the kernel, against a real ipykernel: the kernel's own cell numbers
(checks and probes take none; restarts and attaching follow the kernel), IPython's reply payloads
(help pages, the next input, exit) and the docs of a name split for a small pane."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from jupyter_client.manager import AsyncKernelManager

from studytui.core.kernel import ExecutionResult, ExecutionStatus, KernelSession, docs_parts
from studytui.core.lessons import Exercise, run_check
from tests.core.test_kernel import WAIT, Recorder
from tests.waiting import until

pytestmark = pytest.mark.timeout(90)


async def run(
    session: KernelSession, code: str, silent: bool = False, store_history: bool | None = None
) -> ExecutionResult:
    running = session.execute(code, lambda _o: None, silent=silent, store_history=store_history)
    return await asyncio.wait_for(running, WAIT)


async def test_the_apps_own_cells_take_no_number(rec: Recorder) -> None:
    assert (await run(rec.session, "x = 1")).execution_count == 1
    unstored = await run(rec.session, "y = 2", store_history=False)
    assert unstored.status is ExecutionStatus.OK and unstored.execution_count is None
    assert (await run(rec.session, "1", silent=True)).execution_count is None
    check = Exercise("demo", "Demo", "task", "", (), "assert x == 1", 1, None)
    assert (await asyncio.wait_for(run_check(rec.session, check), WAIT)).status.value == "passed"
    result = await run(rec.session, "1/0")
    assert result.execution_count == 2 == rec.session.execution_count, "In [2]: checks and probes took no number"


async def test_the_count_starts_again_after_a_restart(rec: Recorder) -> None:
    await run(rec.session, "1")
    await run(rec.session, "2")
    assert rec.session.execution_count == 2
    await asyncio.wait_for(rec.session.restart(), WAIT)
    assert rec.session.execution_count == 0
    assert (await run(rec.session, "3")).execution_count == 1


async def test_attaching_follows_the_count_of_a_kernel_that_ran_cells(
    outside_kernel: AsyncKernelManager, make_recorder: Callable[..., Recorder]
) -> None:
    first = make_recorder(existing=Path(outside_kernel.connection_file))
    await asyncio.wait_for(first.session.start(), WAIT)
    await run(first.session, "a = 1")
    await run(first.session, "b = 2")
    await first.session.shutdown()  # leaves the kernel running, having counted 2
    again = make_recorder(existing=Path(outside_kernel.connection_file))
    await asyncio.wait_for(again.session.start(), WAIT)
    await until(lambda: again.session.execution_count == 2, WAIT, "the kernel's count")
    assert (await run(again.session, "a + b")).execution_count == 3


async def test_help_pages_arrive_as_pages(rec: Recorder) -> None:
    for code in ("len?", "len??", "%pinfo len"):
        result = await run(rec.session, code)
        assert result.status is ExecutionStatus.OK
        [page] = result.pages
        assert "Return the number of items in a container" in page.text
        assert "text/plain" in page.data and page.start == 0


async def test_load_fills_the_next_input(rec: Recorder, tmp_path: Path) -> None:
    small = tmp_path / "small.py"
    small.write_text("a = 1\nb = 2\n", encoding="utf-8")
    result = await run(rec.session, f"%load {small}")
    assert result.next_input is not None and result.next_input.replace
    assert result.next_input.text.endswith("a = 1\nb = 2\n")
    assert not result.pages and result.exit_request is None


async def test_exit_asks_to_end_and_says_whether_to_keep_the_kernel(rec: Recorder) -> None:
    result = await run(rec.session, "exit")
    assert result.exit_request is not None and not result.exit_request.keep_kernel
    result = await run(rec.session, "quit(keep_kernel=True)")
    assert result.exit_request is not None and result.exit_request.keep_kernel


async def test_docs_show_the_signature_and_first_paragraph_first(rec: Recorder) -> None:
    await run(rec.session, "import collections")
    reply = await rec.session.inspect("collections.OrderedDict", 23, timeout=WAIT)
    assert reply is not None and reply["found"]
    parts = docs_parts(reply["data"]["text/plain"])
    assert parts.head.startswith("collections.OrderedDict(")
    assert parts.head.endswith("Dictionary that remembers insertion order")
    assert "\x1b" not in parts.head + parts.rest
    assert "Type: type" in parts.rest and "Signature" not in parts.head


def test_docs_of_a_long_numpy_name_start_with_its_own_signature() -> None:
    # IPython's layout for np.linspace (a dispatcher): its own signature, the dispatcher's call
    # signature and four other fields before the docstring, numpy's class docstring after it.
    text = (
        "\x1b[31mSignature:\x1b[39m      \nnp.linspace(\n    start,\n    stop,\n    num=\x1b[32m50\x1b[39m,\n)\n"
        "\x1b[31mCall signature:\x1b[39m  np.linspace(*args, **kwargs)\n"
        "\x1b[31mType:\x1b[39m            _ArrayFunctionDispatcher\n"
        "\x1b[31mString form:\x1b[39m     <function linspace at 0x7f>\n"
        "\x1b[31mFile:\x1b[39m            /numpy/_core/function_base.py\n"
        "\x1b[31mDocstring:\x1b[39m      \nReturn evenly spaced numbers over a specified interval.\n\n"
        "Returns `num` evenly spaced samples.\n\nParameters\n----------\nstart : array_like\n"
        "\x1b[31mClass docstring:\x1b[39m\nClass to wrap functions with checks for __array_function__ overrides.\n"
    )
    parts = docs_parts(text)
    assert parts.head == (
        "np.linspace(\n    start,\n    stop,\n    num=50,\n)\n\nReturn evenly spaced numbers over a specified interval."
    )
    assert parts.rest.startswith("Returns `num` evenly spaced samples.")
    assert parts.rest.index("Call signature: np.linspace(*args, **kwargs)") < parts.rest.index("Class docstring:")


def test_plain_docs_split_at_the_first_paragraph() -> None:
    parts = docs_parts("sqrt(x)\nReturn the square root.\n\nMore about it.\n\x1b]52;c;aGk=\x07tail")
    assert parts.head == "sqrt(x)\nReturn the square root."
    assert parts.rest == "More about it.\ntail"
