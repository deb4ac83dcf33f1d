"""Typing in the code cell with Pilot: indentation as in IPython, ctrl+c and Escape, soft-wrap
marks, keyboard scrolling of the output log, and notifications that leave the cell visible."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets._toast import Toast

from studytui.ui.code.cell_editing import dedent_width, indent_after_enter
from studytui.ui.code.code_input import WRAP_MARK
from tests.ui.test_app import SIZE
from tests.ui.test_code_pane import make_app, quit_app
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(
    ("before", "line", "indent"),
    [
        ("def f(x):", "def f(x):", "    "),
        ("    if x:", "    if x:", "        "),
        ("        return 1", "        return 1", "    "),
        ("    pass", "    pass", ""),
        ("    raise ValueError(x)", "    raise ValueError(x)", ""),
        ("        break", "        break", "    "),
        ("    continue  # next", "    continue  # next", ""),
        ("    returned = 1", "    returned = 1", "    "),
        ("x = 1", "x = 1", ""),
        ("return", "return", ""),
    ],
)
def test_enter_indents_after_a_colon_and_dedents_after_a_block_end(before, line, indent):
    assert indent_after_enter(before, line) == indent


@pytest.mark.parametrize(
    ("before", "width"), [("", 0), ("    ", 4), ("        ", 4), ("      ", 2), (" ", 1), ("  x", 0)]
)
def test_backspace_in_leading_spaces_goes_back_one_level(before, width):
    assert dedent_width(before) == width


async def test_typed_block_indents_and_dedents_as_in_ipython(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        cell = app.study_screen.code.input_widget
        await pilot.press(*"def f(x):", "enter", *"if x:", "enter", *"return 1", "enter")
        assert cell.text == "def f(x):\n    if x:\n        return 1\n    "
        await pilot.press("backspace")
        assert cell.text.endswith("return 1\n"), "one backspace, one level"
        await pilot.press(*"    y = 2", "backspace", "backspace")
        assert cell.text.endswith("return 1\n    y ="), "inside code, backspace deletes one character"
        await quit_app(app, pilot)


async def test_ctrl_c_clears_the_idle_cell_copies_a_selection_and_escape_stays(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        cell = app.study_screen.code.input_widget
        await pilot.press(*"x = 41 + 1")
        cell.select_all()
        await pilot.press("ctrl+c")
        assert cell.text == "x = 41 + 1", "with a selection, ctrl+c copies"
        assert app.clipboard == "x = 41 + 1"
        cell.move_cursor(cell.document.end)
        await pilot.press("escape")
        assert app.focused is cell, "Escape does not leave the cell"
        await pilot.press("ctrl+c")
        assert cell.text == "", "no cell running, nothing selected: ctrl+c clears the cell"
        await quit_app(app, pilot)


async def test_soft_wrapped_rows_are_marked(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        cell = app.study_screen.code.input_widget
        cell.load_text("total = " + " + ".join(str(n) for n in range(60)) + "\nprint(total)")
        await pilot.pause()
        rows = [cell.render_line(y).text for y in range(cell.wrapped_document.height)]
        assert rows[0].lstrip().startswith("1 "), "a line's first row shows its number"
        assert all(WRAP_MARK in row[: cell.gutter_width] for row in rows[1:-1]), rows
        assert rows[-1].lstrip().startswith("2 ") and WRAP_MARK not in rows[-1]
        await quit_app(app, pilot)


async def test_output_log_scrolls_from_the_cell_and_when_focused(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        log = app.study_screen.code.log_widget
        for number in range(300):
            log.write(f"line {number}")
        await until(lambda: log.max_scroll_y > 0 and log.scroll_y == log.max_scroll_y, what="log at its end")
        bottom = log.scroll_y
        await pilot.press("shift+pageup")
        await until(lambda: log.scroll_y < bottom, what="a page up")
        assert app.focused is app.study_screen.code.input_widget, "the cell keeps the focus"
        await pilot.press("shift+pagedown")
        await until(lambda: log.scroll_y == bottom, what="back down")
        await pilot.press("f4")
        assert app.focused is app.study_screen.code.input_widget, "f4 in the cell stays in the cell"
        await pilot.press("alt+o")
        assert app.focused is log, "alt+o focuses the output log"
        await pilot.press("home")
        await until(lambda: log.scroll_y == 0, what="home")
        await pilot.press("end")
        await until(lambda: log.scroll_y == log.max_scroll_y, what="end")
        await pilot.press("f4")
        assert app.focused is app.study_screen.code.input_widget
        await quit_app(app, pilot)


async def test_keys_typed_in_the_output_log_go_to_the_cell_in_order(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        cell = app.study_screen.code.input_widget
        await pilot.press("f4", *"x = 1", "alt+o")
        assert app.focused is app.study_screen.code.log_widget
        await pilot.press(*"23 + y")
        await until(lambda: cell.text == "x = 123 + y", what="the keys in the cell")
        assert app.focused is cell
        await quit_app(app, pilot)


async def test_notifications_never_cover_the_code_cell(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f4")
        for number in range(3):
            app.notify(f"notice {number}\nwith a second line", timeout=30)
        await until(lambda: len(app.screen.query(Toast)) >= 3, what="the toasts shown")
        await pilot.pause()
        cell = app.study_screen.code.input_widget.region
        for toast in app.screen.query(Toast):
            assert not toast.region.overlaps(cell), (toast.region, cell)
        await quit_app(app, pilot)


async def test_output_log_rewraps_when_the_terminal_resizes(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    # 130 columns: a code pane narrower than 80 (a headless test's console draws 80 columns at most).
    async with app.run_test(size=(130, SIZE[1])) as pilot:
        log = app.study_screen.code.log_widget
        await until(lambda: len(log.lines) == 1, what="the lesson's title over its cells")
        words = " ".join(f"word{n}" for n in range(40))
        log.write(Text(words))
        await until(lambda: len(log.lines) > 2, what="the long line wrapped")
        narrow = len(log.lines)
        await pilot.resize_terminal(260, SIZE[1])
        await until(lambda: 1 < len(log.lines) < narrow, what="fewer rows once wider")
        shown = ["".join(s.text for s in strip).strip() for strip in log.lines]
        assert shown[0] == "━━ Sample micrograd ━━" and " ".join(shown[1:]) == words
        await pilot.resize_terminal(130, SIZE[1])
        await until(lambda: len(log.lines) == narrow, what="wrapped as before")
        await quit_app(app, pilot)


async def test_completions_shown_go_away_at_the_next_key(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        box = app.study_screen.code.query_one("#completions")
        app.study_screen.code.show_completions(["my_long_name", "my_list"])
        assert box.display
        await pilot.press("x")
        await until(lambda: not box.display, what="the stale list hidden")
        await quit_app(app, pilot)


async def test_enter_on_an_empty_cell_does_nothing(lessons_dir, notes_dir):
    """As in IPython: no blank line that would become the first line of the next cell."""
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        cell = app.study_screen.code.input_widget
        await pilot.press("enter", "enter")
        assert cell.text == ""
        await pilot.press("space", "space", "enter")
        assert cell.text == "", "whitespace alone is nothing to run either"
        await pilot.press(*"x = 1", "enter")
        await until(lambda: app.kernel.executed == ["x = 1"], what="the cell run as typed")
        assert cell.text == ""
        await quit_app(app, pilot)
