"""Write the bundled curriculum's parses to lessons/lesson-index.json, so a first launch parses nothing.

Run after changing a lesson of the bundled curriculum or the lesson parser (core/lessons):
`.venv/bin/python scripts/lesson_index.py`. tests/core/test_lesson_index.py fails while the
index is not the one this writes.
"""

from __future__ import annotations

import sys

from studytui.config import bundled_lessons_dir
from studytui.core.lessons import BUNDLED_INDEX, bundled_index_text, load_library


def main() -> int:
    root = bundled_lessons_dir()
    library = load_library(root)  # parsed afresh: no cache file
    (root / BUNDLED_INDEX).write_text(bundled_index_text(library), encoding="utf-8")
    print(f"{root / BUNDLED_INDEX}: {len(library.lessons)} lessons, {len(library.broken)} unreadable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
