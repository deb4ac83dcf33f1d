"""An interrupt asked for before the kernel has started the cell is not lost.

ipykernel ignores SIGINT outside a request handler: a signal sent between the execute_request and
the kernel picking it up did nothing, and `time.sleep(60)` went on. The session holds such an
interrupt until the kernel shows it started the cell (its busy status or execute_input), then sends it.

Once the cell started, IPython's pre-execution callbacks (its own, matplotlib's, an extension's)
catch a KeyboardInterrupt that lands in them and let the cell run on: on a loaded machine that is
where an interrupt sent at once lands. The session sends it again then, and only then: a cell that
caught the interrupt itself is left to finish.
"""

from __future__ import annotations

import asyncio

from studytui.core.kernel import ErrorOutput, ExecutionResult, ExecutionStatus, Output, StreamText
from tests.core.test_kernel import Recorder, stdout_text

TRIES = 20


def said_keyboard_interrupt(outputs: list[Output]) -> bool:
    """The cell says it was interrupted, once: as its error (a pre-execution callback that swallowed
    the first signal is not shown), or, when the signal reached ipykernel just before the cell's code
    ran, as the traceback ipykernel prints on the cell's stderr."""
    errors = [o.ename for o in outputs if isinstance(o, ErrorOutput)]
    stderr = "".join(o.text for o in outputs if isinstance(o, StreamText) and o.name == "stderr")
    if "Error in callback" in stdout_text(outputs):
        return False
    return errors == ["KeyboardInterrupt"] or (not errors and stderr.strip().endswith("KeyboardInterrupt"))


async def interrupted_at_once(rec: Recorder, code: str, outputs: list[Output]) -> ExecutionResult:
    """Run `code`, interrupt it the moment the request is sent (the kernel has not picked it up yet),
    and return how it ended."""
    running = asyncio.create_task(rec.session.execute(code, outputs.append))
    while not rec.session.busy:
        await asyncio.sleep(0)
    await rec.session.interrupt()
    return await asyncio.wait_for(running, 30)


async def test_an_interrupt_sent_at_once_after_the_request_stops_the_cell(rec: Recorder) -> None:
    for attempt in range(TRIES):
        outputs: list[Output] = []
        result = await interrupted_at_once(rec, "import time; time.sleep(60)", outputs)
        assert result.status is ExecutionStatus.ERROR, f"try {attempt + 1}: {result}"
        assert said_keyboard_interrupt(outputs), outputs
    after, _ = await rec.run("1 + 1")
    assert after.status is ExecutionStatus.OK


async def test_an_interrupt_with_nothing_running_is_not_kept_for_the_next_cell(rec: Recorder) -> None:
    await rec.session.interrupt()
    result, outputs = await rec.run("import time; time.sleep(0.2); print('done')")
    assert result.status is ExecutionStatus.OK
    assert not [o for o in outputs if isinstance(o, ErrorOutput)]


SLOW_CALLBACK = "import time\nget_ipython().events.register('pre_execute', lambda: time.sleep(0.5))"


async def started(rec: Recorder, outputs: list[Output]) -> asyncio.Task:  # type: ignore[type-arg]
    """Run a 60 s cell and return once the kernel has started it (its number is known)."""
    count = rec.session.execution_count
    running = asyncio.create_task(rec.session.execute("import time; time.sleep(60)", outputs.append))
    while rec.session.execution_count == count:
        await asyncio.sleep(0.005)
    return running


async def test_an_interrupt_swallowed_by_a_slow_pre_execute_callback_is_sent_again(rec: Recorder) -> None:
    assert (await rec.run(SLOW_CALLBACK))[0].status is ExecutionStatus.OK
    outputs: list[Output] = []
    running = await started(rec, outputs)  # the kernel is now in the callback for half a second
    await rec.session.interrupt()
    result = await asyncio.wait_for(running, 30)
    assert result.status is ExecutionStatus.ERROR
    assert said_keyboard_interrupt(outputs), outputs  # once: the callback's report of the first is not shown


async def test_a_callback_failing_on_its_own_is_shown_as_ipython_reports_it(rec: Recorder) -> None:
    code = ("def broken(info=None):\n    raise ValueError('my hook')\n"
            "get_ipython().events.register('pre_run_cell', broken)")
    assert (await rec.run(code))[0].status is ExecutionStatus.OK
    _, outputs = await rec.run("print('ran')")
    assert "Error in callback" in stdout_text(outputs) and "ran" in stdout_text(outputs)
    assert [o.ename for o in outputs if isinstance(o, ErrorOutput)] == ["ValueError"]


async def test_an_interrupt_held_for_a_cell_behind_a_slow_callback_stops_it(rec: Recorder) -> None:
    assert (await rec.run(SLOW_CALLBACK))[0].status is ExecutionStatus.OK
    for attempt in range(3):
        result = await interrupted_at_once(rec, "import time; time.sleep(60)", [])
        assert result.status is ExecutionStatus.ERROR, f"try {attempt + 1}: {result}"


# An interrupt that lands while IPython shows a callback's traceback leaves only a line on stderr:
# IPython prints "KeyboardInterrupt" there instead of the error. Made certain here by a callback
# whose error cannot be printed without raising KeyboardInterrupt (seen under load otherwise).
CALLBACK_REPORT_INTERRUPTED = """
import time
class Unprintable(Exception):
    def __str__(self):
        raise KeyboardInterrupt
def slow():
    try:
        time.sleep(0.5)
    except KeyboardInterrupt:
        raise Unprintable() from None
get_ipython().events.register('pre_execute', slow)
"""


async def test_an_interrupt_whose_callback_report_was_cut_short_is_sent_again(rec: Recorder) -> None:
    assert (await rec.run(CALLBACK_REPORT_INTERRUPTED))[0].status is ExecutionStatus.OK
    for attempt in range(3):
        outputs: list[Output] = []
        result = await interrupted_at_once(rec, "import time; time.sleep(60); print('ran')", outputs)
        assert result.status is ExecutionStatus.ERROR, (attempt, result, outputs)
        assert "ran" not in stdout_text(outputs)


async def test_a_cell_that_catches_the_interrupt_finishes_its_cleanup(rec: Recorder) -> None:
    """One ctrl+c is one interrupt: once the cell's own handler has it, no second signal follows."""
    assert (await rec.run("import time"))[0].status is ExecutionStatus.OK
    code = (
        "try:\n    print('ready', flush=True)\n    time.sleep(60)\n"
        "except KeyboardInterrupt:\n    print('stopping', flush=True)\n    time.sleep(1.5)\n    print('saved')"
    )
    # Pressed while the cell runs: the handler gets it and saves.
    outputs: list[Output] = []
    running = asyncio.create_task(rec.session.execute(code, outputs.append))
    while "ready" not in stdout_text(outputs):
        await asyncio.sleep(0.005)
    await rec.session.interrupt()
    result = await asyncio.wait_for(running, 30)
    assert result.status is ExecutionStatus.OK, (result, outputs)
    assert stdout_text(outputs).split() == ["ready", "stopping", "saved"], outputs

    # Pressed at once after Enter: the signal lands before the `try` (the cell stops there) or in it
    # (the handler saves); never a second one into the handler.
    for attempt in range(5):
        outputs = []
        result = await interrupted_at_once(rec, code, outputs)
        said = stdout_text(outputs)  # the signal may land inside print('ready'), before its newline
        if "stopping" in said:
            assert result.status is ExecutionStatus.OK and said.endswith("stopping\nsaved\n"), (attempt, outputs)
        else:
            assert result.status is ExecutionStatus.ERROR, (attempt, result, outputs)


async def test_an_interrupt_for_a_cell_queued_behind_a_probe_stops_the_cell_and_not_the_probe(rec: Recorder) -> None:
    """The app's own probe (the requirements check) runs ahead of the learner's cell, which waits
    for it: ctrl+c is for the cell. It went to the probe, and `time.sleep(60)` ran on."""
    assert (await rec.run("import time"))[0].status is ExecutionStatus.OK
    probe = asyncio.create_task(rec.session.execute("time.sleep(0.5)", lambda output: None, silent=True))
    while not rec.session.busy:
        await asyncio.sleep(0)
    outputs: list[Output] = []
    cell = asyncio.create_task(rec.session.execute("time.sleep(60)", outputs.append))
    await asyncio.sleep(0)  # one turn of the loop: the cell is asked for, and waits behind the probe
    await rec.session.interrupt()
    result = await asyncio.wait_for(cell, 30)
    assert result.status is ExecutionStatus.ERROR and said_keyboard_interrupt(outputs), (result, outputs)
    assert (await asyncio.wait_for(probe, 30)).status is ExecutionStatus.OK
