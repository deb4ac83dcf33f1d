"""What keeping notes safe costs: the journal write on every keystroke, and an atomic autosave.

Notes documents of 2 KB, 20 KB and 200 KB; prints medians, asserts nothing.

    .venv/bin/python bench/bench_notes.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from studytui.core.files import write_text_atomic
from studytui.core.notes import NotesJournal, insert_note, parse_stamps
from timing import median_ms


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print(f"{'document':>10} {'journal/keystroke':>18} {'atomic save (fsync)':>20} "
              f"{'insert_note':>12} {'parse_stamps':>13}")
        for size_kb in (2, 20, 200):
            line = "- [12:34] a note in my own words about gradients and such\n"
            text = "# Lesson\n\n## 10:00 chapter\n\n" + line * (size_kb * 1024 // len(line))
            journal = median_ms(lambda: NotesJournal(root, "lesson").write(text, None), runs=200)
            save = median_ms(lambda: write_text_atomic(root / "notes.md", text), runs=50)
            insert = median_ms(lambda: insert_note(text, [], 754.0), runs=200)
            stamps = median_ms(lambda: parse_stamps(text), runs=200)
            print(f"{size_kb:>8} KB {journal:>15.3f} ms {save:>17.3f} ms {insert:>9.3f} ms {stamps:>10.3f} ms")


if __name__ == "__main__":
    main()
