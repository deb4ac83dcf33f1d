"""The architecture's boundaries, checked by import-linter (contracts in pyproject.toml)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# The style guide's cap: a module longer than this is split by concept.
MAX_MODULE_LINES = 400
LONG_FOR_NOW: set[str] = set()  # a module over the cap while it is being split apart (none today)


def test_every_module_is_at_most_400_lines() -> None:
    source = ROOT / "src" / "studytui"
    too_long = {}
    for path in sorted(source.rglob("*.py")):
        relative = path.relative_to(source).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES and relative not in LONG_FOR_NOW:
            too_long[relative] = lines
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines (split them by concept): {too_long}"
