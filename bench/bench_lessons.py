"""Lesson parsing speed: the bundled curriculum and a synthetic 2,000-line lesson. Prints numbers.

    .venv/bin/python bench/bench_lessons.py
"""

from __future__ import annotations

from pathlib import Path

from studytui.config import bundled_lessons_dir
from studytui.core.lessons import load_library, parse_lesson_text
from timing import median_ms


def main() -> None:
    root = bundled_lessons_dir()
    library = load_library(root)
    print(f"bundled curriculum: {len(library.lessons)} lessons, "
          f"{sum(len(l.chapters) for l in library.lessons)} chapters")
    print(f"  load_library (all files):        median {median_ms(lambda: load_library(root)):6.1f} ms")
    parts = ['---\ntitle: Big\ncourse: C\nduration: "10:00:00"\n---\n']
    for minute in range(400):
        parts.append(f"## {minute // 60}:{minute % 60:02d}:00 Chapter {minute}\n\nSome *text* here.\n- a point\n- another\n")
    text = "".join(parts)
    lines = text.count("\n")
    print(f"  parse a {lines}-line lesson:        median "
          f"{median_ms(lambda: parse_lesson_text(text, Path('big.md'))):6.1f} ms")


if __name__ == "__main__":
    main()
