"""What a lesson needs in the kernel: Python packages and system programs, from `requires:`.

In the front matter, `requires:` is a list. A plain name is a package whose import name is also its
pip name (`numpy`); a mapping names the parts that differ:
`{import: sklearn, pip: scikit-learn}`, `{import: graphviz, pip: graphviz, system: dot, apt: graphviz}`.
`system` is a program looked up on the kernel's PATH; it is reported with the apt-get / brew
command that installs it (`apt`, `brew`: package names, default: the program's name), never installed.

Which ones are missing is asked of the kernel itself (`probe_code`): it is the kernel's
environment that must have them, not studytui's. The probe imports nothing: a module is looked up by
its top-level name only (`a.b.c` is looked for as `a`), by the path finder over `sys.path` without
the kernel's working folder, the notes folder and the lessons folder (a file there is the learner's
or the pack's, never an installed package), then in the installed distributions' metadata. Looking
up `a.b` the usual way would import `a`: a pack could run `zzprobe.py` from the notes folder, or the
standard library's `antigravity`, just by naming them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

REQUIRE_KEYS = frozenset({"import", "pip", "system", "apt", "brew"})
PROBE_MIME = "application/x-studytui-requires+json"
_IMPORT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_PIP_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?([<>=!~]=?[A-Za-z0-9.*+!-]+)?$")
_PROGRAM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")


@dataclass(frozen=True)
class Requirement:
    import_name: str | None = None  # what `import` needs; None for a system program alone
    pip_name: str | None = None  # what `pip install` needs
    program: str | None = None  # a system program the lesson runs (graphviz's `dot`)
    apt: str | None = None
    brew: str | None = None

    @property
    def label(self) -> str:
        return self.import_name or self.program or "?"

    @property
    def top_level(self) -> str | None:
        """The name the probe looks for: the import name's first part."""
        return self.import_name.split(".")[0] if self.import_name else None


@dataclass(frozen=True)
class Missing:
    """What the kernel could not find: packages pip can install and programs it cannot."""

    packages: tuple[Requirement, ...] = ()
    programs: tuple[Requirement, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.packages or self.programs)

    def pip_names(self) -> tuple[str, ...]:
        """What `pip install` is given for the missing packages, as the lesson wrote it (checked later)."""
        return pip_names(self.packages)

    def system_commands(self) -> tuple[str, ...]:
        """apt-get and brew lines for the missing programs (shown, never run)."""
        if not self.programs:
            return ()
        apt = " ".join(dict.fromkeys(r.apt or r.program or "" for r in self.programs))
        brew = " ".join(dict.fromkeys(r.brew or r.apt or r.program or "" for r in self.programs))
        return (f"sudo apt-get install {apt}", f"brew install {brew}")


def pip_names(requirements: tuple[Requirement, ...]) -> tuple[str, ...]:
    """The pip names of the packages among `requirements`, each once, in order."""
    names = (requirement.pip_name or requirement.import_name or "" for requirement in requirements)
    return tuple(name for name in dict.fromkeys(names) if name)


def with_check_modules(requires: tuple[Requirement, ...], modules: tuple[str, ...]) -> tuple[Requirement, ...]:
    """`requires` and the modules the lesson's exercise checks need (`requires=torch`) that it does not
    name already: installing what a lesson needs installs what its checks need too."""
    named = {requirement.top_level for requirement in requires}
    extra: list[Requirement] = []
    for module in modules:
        top = module.split(".")[0]
        if top not in named and _IMPORT_NAME.match(module):
            named.add(top)
            extra.append(Requirement(import_name=module, pip_name=top))
    return (*requires, *extra)


def parse_requires(value: object) -> tuple[tuple[Requirement, ...], list[str]]:
    """The requirements in a `requires:` value, and a message for each entry that is not one."""
    if value is None:
        return (), []
    items = value if isinstance(value, list) else [value]
    found: list[Requirement] = []
    problems: list[str] = []
    for item in items:
        requirement, problem = _one(item)
        if requirement is not None:
            found.append(requirement)
        if problem:
            problems.append(problem)
    return tuple(found), problems


def _one(item: object) -> tuple[Requirement | None, str | None]:
    if isinstance(item, str):
        name = item.strip()
        if not _IMPORT_NAME.match(name):
            return None, f"'requires': {name!r} is not an importable module name (use {{import: X, pip: Y}})"
        return Requirement(import_name=name, pip_name=name), None
    if not isinstance(item, dict):
        return None, f"'requires': {item!r} must be a module name or a mapping with import/pip/system"
    unknown = sorted(str(key) for key in item if str(key) not in REQUIRE_KEYS)
    if unknown:
        return None, f"'requires': unknown key {unknown[0]!r} (known: {', '.join(sorted(REQUIRE_KEYS))})"
    texts = {str(key): str(value).strip() for key, value in item.items() if value is not None}
    import_name, pip_name, program = texts.get("import"), texts.get("pip"), texts.get("system")
    if import_name is None and program is None:
        return None, "'requires': a mapping needs 'import' (a Python module) or 'system' (a program)"
    if import_name is not None and not _IMPORT_NAME.match(import_name):
        return None, f"'requires': {import_name!r} is not an importable module name"
    if pip_name is not None and not _PIP_NAME.match(pip_name):
        return None, f"'requires': {pip_name!r} is not a pip package name"
    for key in ("system", "apt", "brew"):
        if texts.get(key) is not None and not _PROGRAM.match(texts[key]):
            return None, f"'requires': {texts[key]!r} is not a program or package name ({key})"
    if import_name is not None and pip_name is None:
        pip_name = import_name.split(".")[0]
    return Requirement(import_name, pip_name, program, texts.get("apt"), texts.get("brew")), None


_PROBE = '''\
def __studytui_probe__(modules, programs, private, mime):
    import importlib, importlib.machinery, importlib.metadata, os, shutil, sys
    from IPython.display import publish_display_data
    importlib.invalidate_caches()  # a package installed since the kernel started is found too
    private = {os.path.realpath(folder) for folder in [*private, os.getcwd()]}
    def public(entry):
        return isinstance(entry, str) and os.path.isabs(entry) and os.path.realpath(entry) not in private
    path = [entry for entry in sys.path if public(entry)]
    def found(name):  # finds, never imports: no parent package runs, no meta-path hook is asked
        if name in sys.builtin_module_names:
            return True
        try:
            return (importlib.machinery.FrozenImporter.find_spec(name) is not None
                    or importlib.machinery.PathFinder.find_spec(name, path) is not None)
        except (ImportError, ValueError, OSError):
            return False
    missing = [name for name in modules if not found(name)]
    if missing:  # an editable install may be found only through its metadata
        tops = set()
        for dist in importlib.metadata.distributions(path=path):
            tops.update((dist.read_text("top_level.txt") or "").split())
        missing = [name for name in missing if name not in tops]
    publish_display_data({mime: {
        "modules": missing,
        "programs": [name for name in programs if shutil.which(name) is None],
    }})
try:
    __studytui_probe__(@ARGS@)
finally:
    del __studytui_probe__
'''


def probe_code(requirements: tuple[Requirement, ...], private_folders: tuple[str, ...] = ()) -> str:
    """One cheap cell that finds (never imports) each module's top-level name and each program, and
    reports the missing ones. `private_folders` (the notes and lessons folders) are not looked in."""
    modules = sorted({r.top_level for r in requirements if r.top_level})
    programs = sorted({r.program for r in requirements if r.program})
    arguments = f"{modules!r}, {programs!r}, {sorted(set(private_folders))!r}, {PROBE_MIME!r}"
    return _PROBE.replace("@ARGS@", arguments)


def missing_from_report(requirements: tuple[Requirement, ...], report: object) -> Missing:
    """The probe's report (its display data) turned back into the lesson's requirements."""
    if isinstance(report, str):
        try:
            report = json.loads(report)
        except ValueError:
            report = {}
    if not isinstance(report, dict):
        report = {}
    modules = set(report.get("modules") or ())
    programs = set(report.get("programs") or ())
    return Missing(
        packages=tuple(r for r in requirements if r.top_level in modules),
        programs=tuple(r for r in requirements if r.program in programs),
    )
