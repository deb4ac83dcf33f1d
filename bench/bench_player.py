"""mpv over its JSON IPC: MpvPlayer beside a raw socket client in the same run. Prints numbers, asserts nothing.

Run from the repository root: .venv/bin/python bench/bench_player.py
Needs mpv and ffmpeg; plays a generated 10-minute video headless (--vo=null --ao=null).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from studytui.core.player import MpvPlayer

RUNS = 200
HEADLESS = ("--vo=null", "--ao=null", "--no-config")


def make_video(folder: Path, rate: int) -> Path:
    path = folder / f"bench-{rate}fps.mkv"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=duration=600:size=64x64:rate={rate}",
         "-c:v", "libx264", "-preset", "ultrafast", str(path)],
        check=True,
    )
    return path


def ms(values: list[float]) -> str:
    values = sorted(values)
    return f"median {statistics.median(values) * 1000:.2f} ms, p90 {values[int(len(values) * 0.9)] * 1000:.2f} ms"


async def raw_round_trips(socket_path: Path) -> list[float]:
    """set_property pause, alternating, on a plain socket: write a line, read until its reply."""
    reader, writer = await asyncio.open_unix_connection(str(socket_path))
    times = []
    for n in range(RUNS):
        started = time.perf_counter()
        writer.write((json.dumps({"command": ["set_property", "pause", n % 2 == 0], "request_id": n}) + "\n").encode())
        while json.loads(await reader.readline()).get("request_id") != n:
            pass
        times.append(time.perf_counter() - started)
    writer.close()
    return times


async def player_round_trips(player: MpvPlayer) -> tuple[list[float], list[float]]:
    """pause()/play() through the facade: the caller's cost, and until mpv's reply is in."""
    call, reply = [], []
    for n in range(RUNS):
        started = time.perf_counter()
        player.pause() if n % 2 == 0 else player.play()
        call.append(time.perf_counter() - started)
        await player._conn.request("get_property", "pause")  # replies come in order: the pause is done
        reply.append(time.perf_counter() - started)
    return call, reply


async def stamp_error(player: MpvPlayer, samples: int = 20) -> list[float]:
    """How far the position read at ctrl+n (extrapolated) is from mpv's own time-pos once paused."""
    errors = []
    player.seek(60)
    await player.settled_position()
    for n in range(samples):
        player.play()
        await asyncio.sleep(0.3 + 0.037 * n)  # stamp at moments spread over the frame interval
        seen = player.position
        player.pause()
        errors.append(abs(await player._conn.request("get_property", "time-pos") - seen))
    return errors


async def main() -> None:
    if not shutil.which("mpv") or not shutil.which("ffmpeg"):
        sys.exit("bench_player needs mpv and ffmpeg")
    folder = Path(tempfile.mkdtemp(prefix="bench-player-"))
    try:
        for rate in (2, 25):
            video = make_video(folder, rate)
            started = time.perf_counter()
            player = MpvPlayer()
            await player.start(str(video), extra_args=HEADLESS)
            print(f"{rate} fps video: start to loaded {(time.perf_counter() - started) * 1000:.0f} ms")
            raw = await raw_round_trips(player.socket_path)
            call, reply = await player_round_trips(player)
            print(f"  pause round trip, raw socket:  {ms(raw)}")
            print(f"  pause round trip, MpvPlayer:   {ms(reply)}")
            print(f"  pause() call returns in:       {ms(call)}")
            errors = await stamp_error(player)
            print(f"  stamp vs mpv's paused time-pos: median {statistics.median(errors) * 1000:.0f} ms, "
                  f"max {max(errors) * 1000:.0f} ms (frame interval {1000 / rate:.0f} ms)")
            await player.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
