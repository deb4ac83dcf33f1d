"""Hostile inputs: what a YAML bomb, deep nesting and a config of thousands of unknown options cost,
and what the safety checks cost on the bundled curriculum. Prints numbers; asserts nothing.

    git archive BEFORE_COMMIT src | tar -x -C /tmp/before
    .venv/bin/python bench/bench_hostile.py --before /tmp/before/src

Every row runs the same input through this version and through the version in `--before` (a
`src/` folder), each in its own subprocess, alternating, in the same run; the ratio is
before / now. A run that passes `--limit` seconds is stopped and shown as "> limit".
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW_SRC = HERE.parent / "src"

# Each job prints the median milliseconds of its work; run with PYTHONPATH set to one src/.
_JOB = """
import sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {bench!r})
from timing import median_ms
kind, size = {kind!r}, {size!r}
if kind == "bundled":
    from studytui.core.lessons import load_library
    root = Path({lessons!r})
    print(median_ms(lambda: load_library(root), runs=15))
elif kind in ("bomb", "deep"):
    from studytui.core.lessons import LessonError, parse_lesson_text
    if kind == "bomb":
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for level in range(1, size):
            lines.append(f"{{chr(97 + level)}}: &{{chr(97 + level)}} [{{', '.join(['*' + chr(96 + level)] * 9)}}]")
        # The duration's error message quotes the value: the alias tree is expanded to print it.
        front = "title: T\\ncourse: C\\n" + "\\n".join(lines) + f"\\nduration: *{{chr(96 + size)}}\\n"
    else:
        front = "title: T\\ncourse: C\\nduration: '10:00'\\nx: " + "[" * size + "]" * size + "\\n"
    def parse():
        try:
            parse_lesson_text("---\\n" + front + "---\\n", Path("bomb.md"))
        except LessonError:
            pass
    print(median_ms(parse, runs=3))
elif kind == "config":
    from studytui.user_config import load_user_config
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_text("".join(f"option_{{n}} = {{n}}\\n" for n in range(size)), encoding="utf-8")
        print(median_ms(lambda: load_user_config(path), runs=3))
"""


def job(src: Path, kind: str, size: int, limit: float) -> float | None:
    code = _JOB.format(bench=str(HERE), kind=kind, size=size, lessons=str(HERE.parent / "lessons"))
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=limit,
            env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        )
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return float(result.stdout.strip().splitlines()[-1])


def shown(ms: float | None, limit: float) -> str:
    return f"> {limit:.0f} s" if ms is None else f"{ms:9.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True, help="src/ folder of the version to compare with")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a run is stopped")
    args = parser.parse_args()
    rows = [
        ("bundled curriculum, load_library", "bundled", 0),
        ("front matter: nested aliases, 5 levels", "bomb", 5),
        ("front matter: nested aliases, 6 levels", "bomb", 6),
        ("front matter: nested aliases, 7 levels", "bomb", 7),
        ("front matter: [[[...]]] 1000 deep", "deep", 1000),
        ("front matter: [[[...]]] 3000 deep", "deep", 3000),
        ("config: 1000 unknown options", "config", 1000),
        ("config: 5000 unknown options", "config", 5000),
    ]
    print(f"{'input':42} {'before':>12} {'now':>12}   before/now")
    for title, kind, size in rows:
        before = job(args.before, kind, size, args.limit)
        now = job(NOW_SRC, kind, size, args.limit)
        ratio = "" if before is None or now is None else f"{before / now:8.2f}x"
        print(f"{title:42} {shown(before, args.limit):>12} {shown(now, args.limit):>12}   {ratio}", flush=True)


if __name__ == "__main__":
    main()
