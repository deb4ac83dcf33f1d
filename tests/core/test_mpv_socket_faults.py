"""An mpv socket that never answers, or drops while studytui attaches: an error that says so, never a
player that is not there. The sockets are real Unix servers started by the tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from studytui.core.player import MpvError, MpvPlayer

pytestmark = pytest.mark.timeout(30)

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def never_answers(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while await reader.readline():
            pass  # reads every command, answers none
    writer.close()


async def drops_after_first_command(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readline()
    writer.close()


@contextlib.asynccontextmanager
async def socket_server(path: Path, handler: Handler) -> AsyncIterator[Path]:
    server = await asyncio.start_unix_server(handler, path=str(path))
    try:
        yield path
    finally:
        server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(server.wait_closed(), 2)


async def test_a_socket_that_never_answers_is_an_error(tmp_path):
    async with socket_server(tmp_path / "silent.sock", never_answers) as path:
        player = MpvPlayer(on_exit=lambda reason: pytest.fail(f"no exit report expected: {reason}"))
        with pytest.raises(MpvError, match="does not answer"):
            await player.attach(path, answer_wait=0.5)
        assert not player.connected


async def test_a_socket_that_drops_while_attaching_is_an_error(tmp_path):
    async with socket_server(tmp_path / "drop.sock", drops_after_first_command) as path:
        reports: list[str] = []
        player = MpvPlayer(on_exit=reports.append)
        with pytest.raises(MpvError, match="closed the connection"):
            await player.attach(path, answer_wait=2)
        assert not player.connected
        await asyncio.sleep(0)  # let any stray exit report run: there must be none
        assert reports == []
