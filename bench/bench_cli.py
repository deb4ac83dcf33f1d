"""The command line's own cost: `studytui --help`, `studytui add --help`, and what a launch imports.

- wall time of `studytui --help` and `studytui review --help` (the installed script, median of N runs);
- the modules imported on the way to the app (`studytui.cli` then `studytui.cli.launch`, as `main`
  does for a launch): their cumulative import time from `python -X importtime` (median of N runs),
  and whether yt-dlp or a subcommand's module is among them (it must not be).

    .venv/bin/python bench/bench_cli.py [runs]
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

STUDYTUI = Path(sys.executable).with_name("studytui")
LAUNCH_IMPORTS = "import studytui.cli, studytui.cli.launch"


def wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def launch_imports(runs: int) -> tuple[float, set[str]]:
    totals, modules = [], set()
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-X", "importtime", "-c", LAUNCH_IMPORTS],
                                capture_output=True, text=True, check=True)
        total = 0
        for line in result.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if match and not match.group(3).strip(" ") and len(match.group(3)) == 1:
                total += int(match.group(2))  # top-level imports: their cumulative time
            if match:
                modules.add(match.group(4))
        totals.append(total / 1e6)
    return statistics.median(totals), modules


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    print(f"studytui --help:         {wall([str(STUDYTUI), '--help'], runs) * 1000:7.1f} ms (median of {runs})")
    print(f"studytui review --help:  {wall([str(STUDYTUI), 'review', '--help'], runs) * 1000:7.1f} ms")
    print(f"studytui add --help:     {wall([str(STUDYTUI), 'add', '--help'], runs) * 1000:7.1f} ms")
    seconds, modules = launch_imports(runs)
    print(f"launch imports ({LAUNCH_IMPORTS}): {seconds * 1000:7.1f} ms cumulative (median of {runs})")
    heavy = sorted(name for name in modules if name.startswith(("yt_dlp", "studytui.cli.add", "studytui.core.courses",
                                                                 "studytui.cli.export", "studytui.cli.anki")))
    print(f"subcommand or yt-dlp modules a launch imports: {heavy or 'none'}")


if __name__ == "__main__":
    main()
