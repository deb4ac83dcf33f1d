"""Stream text as a terminal shows it, bounded, with the full text spilled to a file."""

from __future__ import annotations

from studytui.core.kernel import TerminalText


def test_carriage_return_redraws_the_line_like_a_terminal():
    text = TerminalText()
    for percent in range(0, 101, 10):
        text.write(f"\r{percent:3d}%|{'#' * (percent // 10):10}|")
    text.write("\ndone\n")
    assert text.view().lines() == ["100%|##########|", "done"]


def test_a_shorter_rewrite_keeps_the_end_of_the_longer_line():
    text = TerminalText()
    text.write("abcdef\rXY\n")
    assert text.view().lines() == ["XYcdef"]


def test_split_lines_across_writes_join():
    text = TerminalText()
    text.write("hel")
    text.write("lo\nwor")
    assert text.view().lines() == ["hello", "wor"]
    text.write("ld\n")
    assert text.text() == "hello\nworld\n"


def test_a_flood_keeps_head_and_tail_and_spills_everything(tmp_path):
    spill = tmp_path / "out" / "cell-1-stdout.txt"
    text = TerminalText(spill_to=lambda: spill, head=5, tail=10)
    for start in range(0, 200_000, 10_000):
        text.write("".join(f"{i}\n" for i in range(start, start + 10_000)))
    text.close()
    view = text.view()
    assert view.head == ("0", "1", "2", "3", "4")
    assert view.tail[-1] == "199999" and len(view.tail) == 10
    assert view.hidden == 200_000 - 15
    assert "199,985 lines hidden" in view.lines()[5] and str(spill) in view.lines()[5]
    assert spill.read_text().splitlines() == [str(i) for i in range(200_000)]


def test_a_huge_line_is_cut_and_spilled(tmp_path):
    spill = tmp_path / "big.txt"
    text = TerminalText(spill_to=lambda: spill, line_chars=100)
    text.write("x" * 10_000_000 + "\n")
    text.close()
    (line,) = text.view().lines()
    assert line.startswith("x" * 100) and "9,999,900 more characters" in line
    assert spill.stat().st_size == 10_000_001


def test_small_output_is_not_spilled(tmp_path):
    text = TerminalText(spill_to=lambda: tmp_path / "never.txt")
    text.write("a\nb\n")
    text.close()
    assert text.spill_path is None and not (tmp_path / "never.txt").exists()


def test_live_view_shows_only_the_last_lines():
    text = TerminalText()
    text.write("".join(f"{i}\n" for i in range(50)) + "partial")
    view = text.view(tail=3)
    assert view.tail == ("48", "49", "partial") and view.hidden == 48


def test_a_cell_printing_forever_has_a_capped_spill_file_with_head_and_tail(tmp_path):
    spill = tmp_path / "forever.txt"
    text = TerminalText(spill_to=lambda: spill, head=5, tail=10, spill_head=1_000, spill_tail=500)
    for i in range(100_000):
        text.write(f"line {i}\n")
    text.close()
    kept = spill.read_text(encoding="utf-8")
    assert kept.startswith("line 0\nline 1\n")
    assert kept.endswith("line 99999\n")
    total = sum(len(f"line {i}\n") for i in range(100_000))
    dropped = total - 1_000 - 500
    assert f"[... {dropped:,} characters dropped here" in kept
    assert len(kept) < 1_000 + 500 + 200
