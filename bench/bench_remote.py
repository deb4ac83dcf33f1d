"""Round trip of `1+1`: a kernel on a loopback Jupyter Server versus a local kernel, same run;
and a plain websocket client to the same server, to show what the quick ACK saves.

Starts a real `jupyter server` on 127.0.0.1 (a free port, a fresh token and root folder), runs
`1+1` through ``RemoteKernelSession`` and through a local ``KernelSession``, and prints medians,
p90s and the ratio. Prints numbers, asserts nothing.

Run from the repository root: .venv/bin/python bench/bench_remote.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.remote.servers

from tests.remote.servers import running, start_jupyter_server

from studytui.core.kernel import KernelSession, RemoteKernelSession, parse_server_url

WARMUP = 20
RUNS = 200


async def plain_websocket(server_url: str, token: str) -> list[float]:
    """The same round trip by a plain websocket client (no quick ACK): what most clients see."""
    import json
    import urllib.request

    from jupyter_client.jsonutil import json_default
    from jupyter_client.session import Session
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Authorization": f"token {token}"}
    request = urllib.request.Request(server_url + "api/kernels", data=b"{}", headers=headers, method="POST")
    with urllib.request.urlopen(request) as answer:
        kernel_id = json.loads(answer.read())["id"]
    session = Session(key=b"bench")
    ws_url = f"{server_url.replace('http', 'ws', 1)}api/kernels/{kernel_id}/channels?session_id={session.session}"
    conn = await websocket_connect(HTTPRequest(ws_url, headers=headers))
    conn.stream.set_nodelay(True)

    async def once() -> float:
        msg = session.msg("execute_request", {"code": "1+1", "silent": False, "allow_stdin": False})
        frame = {"header": msg["header"], "parent_header": {}, "metadata": {}, "content": msg["content"],
                 "channel": "shell", "buffers": []}
        begun = time.perf_counter()
        conn.write_message(json.dumps(frame, default=json_default))
        replied = idle = False
        while not (replied and idle):
            answer = json.loads(await conn.read_message())
            if answer["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                continue
            replied = replied or answer["msg_type"] == "execute_reply"
            idle = idle or answer["content"].get("execution_state") == "idle"
        return time.perf_counter() - begun

    for _ in range(WARMUP):
        await once()
    samples = [await once() for _ in range(RUNS)]
    conn.close()
    request = urllib.request.Request(server_url + f"api/kernels/{kernel_id}", headers=headers, method="DELETE")
    urllib.request.urlopen(request).close()
    return samples


async def round_trips(session: KernelSession) -> tuple[float, list[float]]:
    begun = time.perf_counter()
    await session.start()
    started = time.perf_counter() - begun
    for _ in range(WARMUP):
        await session.execute("1+1", lambda _: None)
    samples = []
    for _ in range(RUNS):
        begun = time.perf_counter()
        await session.execute("1+1", lambda _: None)
        samples.append(time.perf_counter() - begun)
    await session.shutdown()
    return started, samples


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.9 * (len(ordered) - 1))] * 1000


async def main(server_url: str, token: str) -> None:
    local_start, local = await round_trips(KernelSession())
    remote_start, remote = await round_trips(RemoteKernelSession(parse_server_url(server_url, token=token)))
    plain = await plain_websocket(server_url, token)
    (local_median, local_p90), (remote_median, remote_p90) = summary(local), summary(remote)
    plain_median, plain_p90 = summary(plain)
    print(f"1+1 round trip, {RUNS} runs after {WARMUP} warm-up (ms)")
    print(f"{'kernel':<44}{'start (s)':>10}{'median':>10}{'p90':>10}")
    print(f"{'local KernelSession (ZMQ)':<44}{local_start:>10.2f}{local_median:>10.2f}{local_p90:>10.2f}")
    print(f"{'RemoteKernelSession, loopback Jupyter Server':<44}{remote_start:>10.2f}{remote_median:>10.2f}{remote_p90:>10.2f}")
    print(f"{'plain websocket client, same server':<44}{'':>10}{plain_median:>10.2f}{plain_p90:>10.2f}")
    print(f"ratio remote/local: median {remote_median / local_median:.2f}x, p90 {remote_p90 / local_p90:.2f}x")
    print(f"ratio plain/remote: median {plain_median / remote_median:.2f}x (what the quick ACK saves)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="bench-remote-") as root:
        with running(start_jupyter_server(Path(root))) as server:
            asyncio.run(main(server.url, server.token))
