"""Installing what a lesson needs into the kernel's environment: which names may be installed, and
the kernel cell that installs them.

A lesson pack names packages; the learner answers y to a dialog that lists them. Only plain package
names, with extras and version specifiers, are accepted (`numpy`, `scikit-learn>=1.4`,
`transformers[torch]`): pip takes a path, an archive, a URL, an option or a `name @ url` reference in
the same place as a name, and would build and run whatever it points to. Each refused entry comes
with the reason it is refused.

The install runs as one visible cell in the kernel (the kernel's own Python, so the packages land
where the lesson's code runs). pip is started in a new empty folder of its own, with `-P` (nothing
from the current folder shadows pip), first with `--dry-run --report` so the cell says what it will
fetch (how many packages and, where the index says, how big) before it fetches anything; then for
real. torch, torchvision and torchaudio come from PyTorch's CPU index when the kernel's machine has no
NVIDIA GPU (no `nvidia-smi` on its PATH and no `/proc/driver/nvidia`): the default wheels for Linux
bring about 3 GB of CUDA libraries. ctrl+c (a kernel interrupt) stops pip and says so; a failed pip
ends the cell with an error that says it failed.
"""

from __future__ import annotations

from dataclasses import dataclass

TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
TORCH_FAMILY = frozenset({"torch", "torchvision", "torchaudio"})
_ARCHIVES = (".whl", ".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar.lz", ".tlz")


@dataclass(frozen=True)
class InstallPlan:
    """What the install dialog lists: the packages pip will be given, and what is refused and why."""

    packages: tuple[str, ...] = ()
    refused: tuple[tuple[str, str], ...] = ()  # (as written, why)

    @property
    def torch(self) -> tuple[str, ...]:
        """The packages that come from PyTorch's CPU index on a machine without an NVIDIA GPU."""
        from packaging.requirements import Requirement as PipRequirement  # loaded when an install is planned
        from packaging.utils import canonicalize_name

        return tuple(name for name in self.packages if canonicalize_name(PipRequirement(name).name) in TORCH_FAMILY)


def plain_requirement(text: str) -> tuple[str | None, str | None]:
    """(the requirement as pip is given it, None) for a plain package name with optional extras and
    version specifiers; (None, why) for anything else."""
    text = text.strip()
    if not text:
        return None, "empty"
    if text.startswith("-"):
        return None, "an option, not a package name"
    if "://" in text or "@" in text:
        return None, "a URL or an @ reference, not a package name"
    if "/" in text or "\\" in text or text.startswith(("~", ".")):
        return None, "a path, not a package name"
    from packaging.requirements import InvalidRequirement  # loaded when an install is planned, not at launch
    from packaging.requirements import Requirement as PipRequirement

    try:
        requirement = PipRequirement(text)
    except InvalidRequirement:
        return None, "not a package name with version specifiers"
    if requirement.url or requirement.marker is not None:
        return None, "an environment marker or a URL, not a plain package name"
    if requirement.name.lower().endswith(_ARCHIVES):
        return None, "an archive file, not a package name"
    return str(requirement), None


def install_plan(names: tuple[str, ...]) -> InstallPlan:
    accepted: list[str] = []
    refused: list[tuple[str, str]] = []
    for name in names:
        plain, why = plain_requirement(name)
        if plain is None:
            refused.append((name, why or "refused"))
        elif plain not in accepted:
            accepted.append(plain)
    return InstallPlan(tuple(accepted), tuple(refused))


# Runs inside the kernel. Defined by a silent cell, then called by a visible one (the call is what the
# code pane shows); it removes itself from the namespace when it is called.
_INSTALL = r'''
def __studytui_install__(packages, torch_packages, cpu_index):
    import json, os, shutil, subprocess, sys, tempfile, urllib.parse, urllib.request
    globals().pop("__studytui_install__", None)

    class InstallStopped(Exception):
        def _render_traceback_(self):  # IPython shows this line instead of a traceback
            return [str(self)]

    def megabytes(size):
        return "%.1f MB" % (size / 1e6)

    def size_of(url):
        try:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme == "file":
                return os.path.getsize(urllib.request.url2pathname(parts.path))
            if parts.scheme in ("http", "https"):
                with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as answer:
                    length = answer.headers.get("Content-Length")
                    return int(length) if length and length.isdigit() else None
        except (OSError, ValueError):
            return None
        return None

    def pip(arguments, folder, quiet=False):
        command = [sys.executable, *(["-P"] if sys.version_info >= (3, 11) else []), "-m", "pip", *arguments]
        process = subprocess.Popen(command, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, errors="replace",
                                   env=dict(os.environ, PIP_NO_INPUT="1"))
        lines = []
        try:
            for line in process.stdout:
                lines.append(line)
                if not quiet:
                    print(line, end="", flush=True)
            return process.wait(), "".join(lines)
        except BaseException:
            process.kill()
            process.wait()
            raise

    def fetch(group, index, folder):
        where = ["--index-url", index] if index else []
        report = os.path.join(folder, "report.json")
        code, output = pip(["install", "--dry-run", "--quiet", "--progress-bar", "off", "--report", report,
                            *where, "--", *group], folder, quiet=True)
        if code and "--report" in output and "no such option" in output:
            print("(this pip cannot say in advance what it will fetch)", flush=True)
        elif code:
            print(output, end="", flush=True)
            raise InstallStopped("pip failed (exit code %d) while working out what to install: "
                                 "nothing was installed." % code)
        else:
            with open(report, encoding="utf-8") as file:
                planned = json.load(file).get("install") or []
            if not planned:
                print("Already installed: %s. Nothing to fetch." % ", ".join(group), flush=True)
                return
            sizes = [size_of(str((item.get("download_info") or {}).get("url") or "")) for item in planned]
            named = []
            for item, size in zip(planned, sizes):
                metadata = item.get("metadata") or {}
                named.append("%s %s%s" % (metadata.get("name"), metadata.get("version"),
                                          "" if size is None else " (%s)" % megabytes(size)))
            known = [size for size in sizes if size is not None]
            total = megabytes(sum(known)) + (" known" if len(known) < len(sizes) else "") if known else "size unknown"
            print("pip will fetch %d package%s, %s: %s. ctrl+c stops it." % (
                len(planned), "" if len(planned) == 1 else "s", total, ", ".join(named)), flush=True)
        code, _ = pip(["install", "--progress-bar", "off", *where, "--", *group], folder)
        if code:
            raise InstallStopped("pip failed (exit code %d): see its messages above. The packages it "
                                 "had not finished are not installed." % code)

    gpu = shutil.which("nvidia-smi") is not None or os.path.exists("/proc/driver/nvidia")
    groups = []
    if torch_packages and cpu_index and not gpu:
        print("No NVIDIA GPU on this machine: %s from PyTorch's CPU index (%s)."
              % (", ".join(torch_packages), cpu_index), flush=True)
        groups.append((torch_packages, cpu_index))
        packages = [name for name in packages if name not in torch_packages]
    if packages:
        groups.append((packages, None))
    folder = tempfile.mkdtemp(prefix="studytui-pip-")
    try:
        for group, index in groups:
            fetch(group, index, folder)
    except KeyboardInterrupt:
        raise InstallStopped("Install stopped (ctrl+c): pip was ended; what it had not finished "
                             "is not installed.") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
'''


def install_definition() -> str:
    """The silent cell that defines the installer in the kernel."""
    return _INSTALL


def install_call(plan: InstallPlan, cpu_index: str) -> str:
    """The visible cell that installs `plan` (cpu_index "" never switches torch's index)."""
    return f"__studytui_install__({list(plan.packages)!r}, {list(plan.torch)!r}, {cpu_index!r})"
