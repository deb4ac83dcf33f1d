"""A package index of the tests' own: tiny wheels built here, served as a PEP 503 simple index on
127.0.0.1, and a kernel in a virtual environment of its own for pip to install into (and the kernelspec
writer it uses). No network."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.server
import json
import subprocess
import sys
import sysconfig
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest


def build_wheel(folder: Path, name: str, version: str, module_code: str = "") -> Path:
    """A pure-Python wheel `name-version-py3-none-any.whl` holding module `name` (PEP 427)."""
    folder.mkdir(parents=True, exist_ok=True)
    dist_info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": module_code or f"VERSION = {version!r}\n",
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: studytui-tests\nRoot-Is-Purelib: true\n"
                              "Tag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = "\n".join(record) + "\n"
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def write_simple_index(root: Path, prefix: str, wheels: list[Path]) -> None:
    """`root/prefix/simple/<project>/index.html` linking each wheel, which is copied under `root/prefix/files`."""
    projects: dict[str, list[Path]] = {}
    for wheel in wheels:
        projects.setdefault(wheel.name.split("-")[0].lower().replace("_", "-"), []).append(wheel)
    simple, files = root / prefix / "simple", root / prefix / "files"
    files.mkdir(parents=True, exist_ok=True)
    links = []
    for project, project_wheels in projects.items():
        (simple / project).mkdir(parents=True, exist_ok=True)
        anchors = []
        for wheel in project_wheels:
            (files / wheel.name).write_bytes(wheel.read_bytes())
            digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
            anchors.append(f'<a href="../../files/{wheel.name}#sha256={digest}">{wheel.name}</a>')
        (simple / project / "index.html").write_text("<html><body>" + "".join(anchors) + "</body></html>")
        links.append(f'<a href="{project}/">{project}</a>')
    (simple / "index.html").write_text("<html><body>" + "".join(links) + "</body></html>")


@dataclass
class IndexServer:
    url: str  # http://127.0.0.1:PORT
    requests: list[str] = field(default_factory=list)  # "GET /path", in order


@contextlib.contextmanager
def serve(root: Path, stall: str = "/stalled/") -> Iterator[IndexServer]:
    """Serve `root` over HTTP on 127.0.0.1 (GET and HEAD), recording every request. A request under
    `stall` gets no answer until the server stops (a download that never ends)."""
    seen: list[str] = []
    stopping = threading.Event()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]  # the server's own arguments

        def do_GET(self) -> None:
            if self.path.startswith(stall):
                seen.append(f"{self.command} {self.path}")
                stopping.wait(60)
                return
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:
            seen.append(f"{self.command} {self.path}")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield IndexServer(f"http://127.0.0.1:{server.server_address[1]}", seen)
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class KernelVenv:
    kernel_name: str
    python: Path
    site_packages: Path

    def installed(self) -> dict[str, str]:
        """name -> version of what pip installed into this environment (not the test venv's)."""
        found = {}
        for dist_info in self.site_packages.glob("*.dist-info"):
            name, _, version = dist_info.name.removesuffix(".dist-info").partition("-")
            found[name.lower()] = version
        return found


def kernel_venv(folder: Path, monkeypatch: pytest.MonkeyPatch, name: str = "studytui-test-env") -> KernelVenv:
    """A virtual environment without pip of its own that sees the test venv's packages (ipykernel, pip)
    through a .pth file, so pip run by its Python installs into it; and a kernelspec that runs it."""
    env = folder / "kernel-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "studytui-tests.pth").write_text(sysconfig.get_path("purelib") + "\n")
    kernelspec(folder, monkeypatch, name, [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"])
    return KernelVenv(name, python, site)


def kernelspec(folder: Path, monkeypatch: pytest.MonkeyPatch, name: str, argv: list[str]) -> None:
    """A python kernelspec `name` running `argv`, in `folder`/jupyter, where jupyter-client now looks."""
    spec = folder / "jupyter" / "kernels" / name
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": name, "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(folder / "jupyter"))


def pip_from(monkeypatch: pytest.MonkeyPatch, index_url: str, cache: Path) -> None:
    """pip reads no configuration of this machine (its config files, find-links, constraints) and only
    the tests' index."""
    for variable in ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT", "PIP_REQUIRE_VIRTUALENV"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("PIP_INDEX_URL", index_url)
    monkeypatch.setenv("PIP_CACHE_DIR", str(cache))
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
