"""An interrupt asked for before the kernel has started the cell is not lost.

ipykernel ignores SIGINT outside a request handler: a signal sent between the execute_request and
the kernel picking it up did nothing, and `time.sleep(60)` went on. The session holds such an
interrupt until the kernel shows it started the cell (its busy status or execute_input), then sends it.
"""

from __future__ import annotations

import asyncio

from studytui.core.kernel import ErrorOutput, ExecutionStatus, Output, StreamText
from tests.core.test_kernel import Recorder

TRIES = 20


def said_keyboard_interrupt(outputs: list[Output]) -> bool:
    """The cell says it was interrupted: as its error, or, when the signal reached ipykernel just before
    the cell's code ran, as the traceback ipykernel prints on the cell's stderr."""
    errors = [o.ename for o in outputs if isinstance(o, ErrorOutput)]
    stderr = "".join(o.text for o in outputs if isinstance(o, StreamText) and o.name == "stderr")
    return errors == ["KeyboardInterrupt"] or (not errors and stderr.strip().endswith("KeyboardInterrupt"))


async def test_an_interrupt_sent_at_once_after_the_request_stops_the_cell(rec: Recorder) -> None:
    for attempt in range(TRIES):
        outputs: list[Output] = []
        running = asyncio.create_task(rec.session.execute("import time; time.sleep(60)", outputs.append))
        while not rec.session.busy:  # the request is sent: the kernel has not picked it up yet
            await asyncio.sleep(0)
        await rec.session.interrupt()
        result = await asyncio.wait_for(running, 30)
        assert result.status is ExecutionStatus.ERROR, f"try {attempt + 1}: {result}"
        assert said_keyboard_interrupt(outputs), outputs
    after, _ = await rec.run("1 + 1")
    assert after.status is ExecutionStatus.OK


async def test_an_interrupt_with_nothing_running_is_not_kept_for_the_next_cell(rec: Recorder) -> None:
    await rec.session.interrupt()
    result, outputs = await rec.run("import time; time.sleep(0.2); print('done')")
    assert result.status is ExecutionStatus.OK
    assert not [o for o in outputs if isinstance(o, ErrorOutput)]
