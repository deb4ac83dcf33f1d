"""Folder watching with real file writes: in place, by rename, debounced, own writes ignored, polling."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from studytui.core.watch import FolderWatcher
from tests.waiting import until

pytestmark = pytest.mark.timeout(30)


class Reports:
    def __init__(self) -> None:
        self.batches: list[set[Path]] = []
        self.times: list[float] = []

    def __call__(self, paths: set[Path]) -> None:
        self.batches.append(paths)
        self.times.append(time.monotonic())

    @property
    def paths(self) -> set[Path]:
        return set().union(*self.batches) if self.batches else set()


@pytest.fixture(params=[False, True], ids=["native", "polling"])
async def watched(request, tmp_path):
    reports = Reports()
    watcher = FolderWatcher(tmp_path, reports, suffixes=(".py",), polling=request.param)
    watcher.start()
    yield tmp_path, watcher, reports
    watcher.stop()


async def test_save_in_place_is_reported_once_after_a_quiet_time(watched):
    folder, watcher, reports = watched
    target = folder / "ex.py"
    written = time.monotonic()
    for n in range(5):  # an editor writing in several chunks
        target.write_text(f"x = {n}\n")
    await until(lambda: target in reports.paths, timeout=5, what="the save to be reported")
    assert reports.times[0] - written >= 0.2, "reported only after the debounce time"
    marker = folder / "marker.py"
    marker.write_text("later\n")
    await until(lambda: marker in reports.paths, timeout=5, what="a later save")
    assert sum(target in batch for batch in reports.batches) == 1, "five quick writes are one save"


async def test_save_by_rename_counts(watched):
    folder, _, reports = watched
    target = folder / "sub" / "ex.py"
    target.parent.mkdir()
    temp = target.parent / ".ex.py.swp"
    temp.write_text("y = 1\n")
    os.replace(temp, target)
    await until(lambda: target in reports.paths, timeout=5, what="the rename into place to count as a save")
    assert not any(p.name.startswith(".") for p in reports.paths), "hidden temp files are not reported"


async def test_own_writes_are_ignored_until_the_learner_changes_the_file(watched):
    folder, watcher, reports = watched
    target = folder / "ex.py"
    watcher.ignore_own_write(target, "starter\n")
    target.write_text("starter\n")
    other = folder / "other.py"
    other.write_text("z = 1\n")  # a marker: once it is reported, the own write had its chance too
    await until(lambda: other in reports.paths, timeout=5, what="the marker file")
    assert target not in reports.paths
    target.write_text("learner's answer\n")
    await until(lambda: target in reports.paths, timeout=5, what="the learner's save")


async def test_other_suffixes_are_not_reported(watched):
    folder, _, reports = watched
    (folder / "notes.txt").write_text("x")
    marker = folder / "m.py"
    marker.write_text("x")
    await until(lambda: marker in reports.paths, timeout=5, what="the marker file")
    assert all(p.suffix == ".py" for p in reports.paths)
