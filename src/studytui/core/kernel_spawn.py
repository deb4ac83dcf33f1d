"""The local kernel's process, spawned first thing at launch; headless, standard library only.

A kernel boots in about half a second, and the client library that starts it (jupyter-client and
ZeroMQ, ~100 ms to import) would make it wait. So the command line spawns the kernel here, before
importing anything else, the way jupyter-client would: the kernelspec it would find (`python3`
from the Jupyter data folders, else ipykernel's own), free ports and a key in a private connection
file, the same arguments, environment, folder and process group. When the session starts, its
kernel manager adopts this process only if what it would have launched is exactly this (command,
environment, folder, connection: see ``core.kernel.local_kernel``); otherwise the process is ended
and the manager launches its own. Anything unusual (another kernel, a kernelspec with an environment
of its own, a provisioner, a non-signal interrupt) spawns nothing here.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from studytui.config import Settings

PYTHON_KERNEL = "python3"
NO_JEDI = "--IPCompleter.use_jedi=False"  # ipykernel's completion without jedi: instant
LOCALHOST = "127.0.0.1"
_CHANNELS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")


@dataclass
class SpawnedKernel:
    """A kernel process spawned before the session that adopts it."""

    process: subprocess.Popen[bytes]
    connection_file: Path
    connection: dict[str, object]  # what the connection file says
    argv: list[str]  # with the connection file's path in it
    env: dict[str, str]
    cwd: str

    def end(self) -> None:
        """Kill the process (its whole group, as jupyter-client would) and remove its connection file."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=2)
        self.forget_file()

    def forget_file(self) -> None:
        atexit.unregister(self.end)
        _remove(self.connection_file)


def _remove(connection_file: Path) -> None:
    with contextlib.suppress(OSError):
        connection_file.unlink()


def kernel_workdir(settings: Settings) -> Path:
    """The notes folder (code reads and writes files beside the notes). Never the lessons folder or a
    folder inside it (every cell could import a pack's files), and never the current folder (often a
    cloned course): a new private folder when the notes folder cannot be made or lies in the pack."""
    try:
        settings.kernel_log_path.parent.mkdir(parents=True, exist_ok=True)
        if not settings.notes_dir.resolve().is_relative_to(settings.lessons_dir.resolve()):
            return settings.notes_dir
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="studytui-kernel-"))


def completion_arguments(argv: list[str]) -> list[str]:
    """Extra arguments for a kernel's command: jedi off for an ipykernel kernel, none for others."""
    return [NO_JEDI] if any("ipykernel" in part for part in argv) else []


def kernel_dirs() -> list[str]:
    """Where jupyter-client looks for kernelspecs, in its order, IPython's old folder named without
    importing IPython (``core.kernel.tuning.kernelspecs`` gives jupyter-client the same list)."""
    from jupyter_core.paths import jupyter_path

    ipython_dir = os.environ.get("IPYTHONDIR") or os.path.join(os.path.expanduser("~"), ".ipython")
    return [*jupyter_path("kernels"), os.path.join(ipython_dir, "kernels")]


def python_kernel_argv() -> list[str] | None:
    """The `python3` kernelspec's command as jupyter-client would find it, before its substitutions;
    None when the kernelspec asks for more than a command (an environment, a provisioner...)."""
    for folder in kernel_dirs():
        spec_file = Path(folder) / PYTHON_KERNEL / "kernel.json"
        if not spec_file.is_file():
            continue
        try:
            spec = json.loads(spec_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        argv = spec.get("argv") if isinstance(spec, dict) else None
        plain = set(spec) <= {"argv", "display_name", "language", "metadata", "interrupt_mode",
                              "kernel_protocol_version"}
        metadata = spec.get("metadata") or {}
        if (not plain or not isinstance(argv, list) or not all(isinstance(part, str) for part in argv)
                or spec.get("interrupt_mode", "signal") != "signal" or not isinstance(metadata, dict)
                or "kernel_provisioner" in metadata):
            return None
        return argv
    return [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]


def spawn_kernel(kernel_name: str, cwd: Path, log_path: Path | None) -> SpawnedKernel | None:
    """The `python3` kernel, spawned now (None: nothing spawned, the session launches its own)."""
    if kernel_name != PYTHON_KERNEL or sys.platform == "win32":
        return None
    template = python_kernel_argv()
    if template is None:
        return None
    connection: dict[str, object] = dict(zip(_CHANNELS, free_ports(len(_CHANNELS)), strict=True))
    connection.update(ip=LOCALHOST, key=secrets.token_hex(16), transport="tcp", signature_scheme="hmac-sha256",
                      kernel_name=kernel_name)
    fd, name = tempfile.mkstemp(prefix="studytui-kernel-", suffix=".json")  # 0600: the key stays ours
    connection_file = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(connection, out, indent=2)
    argv = substituted(template, connection_file)
    if argv is None:
        _remove(connection_file)
        return None
    argv += completion_arguments(argv)
    env = os.environ.copy()
    env.pop("PYDEVD_USE_FRAME_EVAL", None)  # as jupyter-client does for a python kernel
    env["JPY_PARENT_PID"] = str(os.getpid())
    log: BinaryIO | None = None
    try:
        if log_path is not None:
            from studytui.core.files import open_log

            with contextlib.suppress(OSError):
                log = open_log(log_path)
        sink = log if log is not None else subprocess.DEVNULL
        from studytui.core.parent_death import end_with_parent

        process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=sink, stderr=sink, cwd=str(cwd), env=env,
            start_new_session=True, preexec_fn=end_with_parent(signal.SIGKILL),
        )
    except OSError:
        _remove(connection_file)
        return None
    finally:
        if log is not None:
            log.close()  # the child holds its own copy
    if process.stdin is not None:
        process.stdin.close()  # as jupyter-client does: the kernel reads no terminal
    spawned = SpawnedKernel(process, connection_file, connection, argv, env, str(cwd))
    atexit.register(spawned.end)  # until a session adopts it (or ends it)
    return spawned


def substituted(template: list[str], connection_file: Path) -> list[str] | None:
    """The command with jupyter-client's substitutions: `python` is this interpreter, and the
    connection file and prefix are filled in (None for a command that needs more)."""
    argv = list(template)
    if argv and argv[0] in {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}:
        argv[0] = sys.executable
    names = {"connection_file": str(connection_file), "prefix": sys.prefix}
    try:
        return [part.format(**names) if "{" in part else part for part in argv]
    except (KeyError, IndexError, ValueError):
        return None


def free_ports(count: int) -> list[int]:
    """Ports free on localhost now, each different (jupyter-client's way: bind to port 0, read it, close)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\0" * 8)
            sock.bind((LOCALHOST, 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()
