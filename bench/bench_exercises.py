"""Exercises, reloads and watching: how long they take. Prints numbers, asserts nothing.

    .venv/bin/python bench/bench_exercises.py

- a check round trip (`run_check` on a passing bundled exercise) beside a plain `KernelSession.execute`
  of `1+1` in the same kernel: the check's own cost is the difference;
- reloading the bundled curriculum: every file parsed, versus one file changed (the others reused);
- a saved file to the watcher's callback, native observer and polling (the 200 ms debounce included).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from studytui.config import bundled_lessons_dir
from studytui.core.kernel import KernelSession
from studytui.core.lessons import load_library, run_check
from studytui.core.watch import FolderWatcher


def median_ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[int(len(ordered) * 0.9) - 1] if len(ordered) >= 10 else ordered[-1]
    return f"median {statistics.median(samples) * 1000:7.1f} ms  p90 {p90 * 1000:7.1f} ms"


async def bench_checks() -> None:
    library = load_library(bundled_lessons_dir())
    lesson = library.find("zth-08-tokenizer")
    assert lesson is not None
    exercise = lesson.exercise("merge")
    assert exercise is not None
    kernel = KernelSession()
    await kernel.start()
    try:
        await kernel.execute(
            "def merge(ids, pair, idx):\n    out, i = [], 0\n    while i < len(ids):\n"
            "        if i < len(ids) - 1 and (ids[i], ids[i + 1]) == pair:\n            out.append(idx); i += 2\n"
            "        else:\n            out.append(ids[i]); i += 1\n    return out\n",
            lambda output: None,
        )
        plain, checks = [], []
        for round_ in range(120):
            started = time.perf_counter()
            await kernel.execute("1+1", lambda output: None)
            plain.append(time.perf_counter() - started)
            started = time.perf_counter()
            result = await run_check(kernel, exercise)
            checks.append(time.perf_counter() - started)
            assert result.status == "passed", result
        print("check round trip (120 runs after 20 warm-up)")
        print(f"  KernelSession.execute('1+1'):    {median_ms(plain[20:])}")
        print(f"  run_check (tokenizer merge):     {median_ms(checks[20:])}")
    finally:
        await kernel.shutdown()


def bench_reload() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "lessons"
        os_copy(bundled_lessons_dir(), root)
        library = load_library(root)
        full, one = [], []
        target = root / "zero-to-hero" / "01-micrograd.md"
        for n in range(20):
            started = time.perf_counter()
            load_library(root)
            full.append(time.perf_counter() - started)
            target.write_text(target.read_text() + f"\n<!-- edit {n} -->\n")
            started = time.perf_counter()
            library = load_library(root, previous=library)
            one.append(time.perf_counter() - started)
        print(f"reload of {len(library.lessons)} lessons, {sum(len(l.exercises) for l in library.lessons)} exercises")
        print(f"  every file parsed:               {median_ms(full)}")
        print(f"  one file changed:                {median_ms(one)}")


def os_copy(source: Path, target: Path) -> None:
    for path in source.rglob("*.md"):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(path.read_bytes())


async def bench_watch(polling: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        arrived = asyncio.Event()
        watcher = FolderWatcher(Path(folder), lambda paths: arrived.set(), suffixes=(".py",), polling=polling)
        watcher.start()
        samples = []
        try:
            for n in range(10):
                arrived.clear()
                temp = Path(folder) / ".ex.py.tmp"
                temp.write_text(f"x = {n}\n")
                started = time.perf_counter()
                os.replace(temp, Path(folder) / "ex.py")
                await asyncio.wait_for(arrived.wait(), 10)
                samples.append(time.perf_counter() - started)
        finally:
            watcher.stop()
        name = "polling (0.5 s scans)" if polling else "native (inotify)"
        print(f"  save by rename -> callback, {name:22s} {median_ms(samples)}")


async def main() -> None:
    await bench_checks()
    bench_reload()
    print("watching (debounce 200 ms included)")
    await bench_watch(False)
    await bench_watch(True)


if __name__ == "__main__":
    asyncio.run(main())
