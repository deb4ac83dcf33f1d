"""The watcher that ends a kernel's process group when studytui dies without stopping it."""

from __future__ import annotations

import os
import subprocess

import pytest

from studytui.core.kernel.orphan_guard import OrphanGuard
from tests.processes import alive
from tests.waiting import until_sync

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def stand_in_kernel():
    process = subprocess.Popen(["sleep", "1000"], start_new_session=True)
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_when_studytui_dies_the_group_is_killed_and_the_file_removed(stand_in_kernel, tmp_path):
    connection = tmp_path / "kernel-1.json"
    connection.write_text("{}")
    guard = OrphanGuard(stand_in_kernel.pid, str(connection))
    os.close(guard._write_fd)  # what the end of the studytui process does to its descriptors
    until_sync(lambda: stand_in_kernel.poll() is not None, timeout=10, what="the kernel killed")
    until_sync(lambda: not connection.exists(), timeout=10, what="the connection file removed")
    until_sync(lambda: not alive(guard._watcher.pid), timeout=10, what="the watcher gone")


def test_a_released_guard_kills_nothing(stand_in_kernel, tmp_path):
    connection = tmp_path / "kernel-2.json"
    connection.write_text("{}")
    guard = OrphanGuard(stand_in_kernel.pid, str(connection))
    guard.release()
    until_sync(lambda: not connection.exists(), timeout=10, what="a leftover file removed")
    assert guard._watcher.poll() is not None, "the watcher was reaped"
    assert stand_in_kernel.poll() is None, "the process group was left alone"
    guard.release()  # twice is fine
