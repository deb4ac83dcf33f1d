"""Kernel fixtures shared by the core tests (defined beside the kernel session's own tests)."""

from tests.core.test_exercises import kernel  # noqa: F401 (pytest fixtures: one kernel per test module)
from tests.core.test_kernel import make_recorder, rec  # noqa: F401 (pytest fixtures)
from tests.core.test_kernel_io import outside_kernel  # noqa: F401 (a pytest fixture)
