"""`studytui --server URL --list-kernels`, the installed command, against a real Jupyter Server."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.remote.servers import RunningServer

pytestmark = pytest.mark.timeout(90)


def studytui(*args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_TOKEN"}
    if token is not None:
        env["JUPYTER_TOKEN"] = token
    return subprocess.run([str(STUDYTUI), *args], capture_output=True, text=True, env=env, timeout=60)


def test_list_kernels_prints_kernelspecs_and_running_kernels(jupyter: RunningServer) -> None:
    started = jupyter.api("api/kernels", method="POST")
    assert isinstance(started, dict)
    try:
        result = studytui("--server", jupyter.url, "--list-kernels", token=jupyter.token)
        assert result.returncode == 0, result.stderr
        assert f"kernelspecs on {jupyter.url}" in result.stdout
        assert "  python3 (default)" in result.stdout
        assert f"  {started['id']}  python3" in result.stdout
        assert jupyter.token not in result.stdout + result.stderr
    finally:
        jupyter.api(f"api/kernels/{started['id']}", method="DELETE")


def test_a_bad_token_is_one_line_on_stderr(jupyter: RunningServer) -> None:
    result = studytui("--server", jupyter.url + "?token=not-it", "--list-kernels")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "refused the token" in result.stderr
    assert "not-it" not in result.stderr


def test_server_and_existing_do_not_mix(tmp_path) -> None:
    result = studytui("--server", "http://127.0.0.1:1/", "--existing", str(tmp_path / "kernel.json"))
    assert result.returncode == 2 and "cannot go with --server" in result.stderr
