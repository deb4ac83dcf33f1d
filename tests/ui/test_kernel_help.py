"""The kernel's help as IPython gives it, over a real ipykernel: `obj?`, `obj??` and `%pinfo` open in
the pager over the code pane from the top (search, q or Escape back to the cell), the notebook keeps
the page; shift+tab shows the signature first and all of the docs one key away; `%load` fills the
cell; `exit` asks whether to quit; Enter on an empty cell does nothing."""

from __future__ import annotations

import nbformat
import pytest
from textual.widgets import Static

from studytui.ui.app import StudyApp
from studytui.ui.code.help_pager import HelpPager, PagerText
from studytui.ui.screens.confirm import ConfirmScreen
from tests.ui.test_app import SIZE, log_text
from tests.ui.test_code_pane import LESSON, make_app, quit_app, ready
from tests.waiting import until

pytestmark = [pytest.mark.timeout(90), pytest.mark.real_kernel]


def pager(app: StudyApp) -> HelpPager:
    assert isinstance(app.screen, HelpPager), f"the pager is open, not {app.screen!r}"
    return app.screen


def page(app: StudyApp) -> PagerText:
    return pager(app).query_one(PagerText)


def status(app: StudyApp) -> str:
    return str(pager(app).query_one("#pager-status", Static).content)


def pager_open(app: StudyApp) -> bool:
    """The pager is up, its page focused (its keys reach it)."""
    return isinstance(app.screen, HelpPager) and isinstance(app.focused, PagerText)


async def type_cell(pilot, code: str) -> None:
    await pilot.press(*code, "enter")


async def test_help_opens_in_a_pager_from_the_top_and_the_notebook_keeps_it(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        cell = app.study_screen.code.input_widget
        await type_cell(pilot, "len?")
        await until(lambda: pager_open(app), timeout=20, what="the pager")
        text = page(app)
        assert text.text.startswith("Signature: len(obj, /)"), text.text[:200]
        assert "\x1b" not in text.text, "the kernel's colours are taken out"
        assert text.cursor_location == (0, 0) and text.scroll_offset.y == 0, "it opens at its top"
        box = pager(app).query_one("#pager-box")
        await until(lambda: box.region == app.study_screen.code.region, what="the pager over the code pane")
        await pilot.press("slash", *"number", "enter")
        assert text.selected_text.lower() == "number", "/ finds the word"
        first = text.selection.start
        await pilot.press("n")
        assert text.selection.start != first or "number" not in text.text[text.text.lower().find("number") + 1:]
        await pilot.press("q")
        await until(lambda: not isinstance(app.screen, HelpPager), what="the pager closed")
        await until(lambda: app.focused is cell, what="the focus back in the cell")
        assert "In [1]: len?" in log_text(app)
        assert "in the pager" in log_text(app)
        await type_cell(pilot, "x = 40 + 2")
        await until(lambda: "In [2]: x = 40 + 2" in log_text(app), what="the next cell run")
        await type_cell(pilot, "%pinfo len")
        await until(lambda: pager_open(app), timeout=20, what="the pager again")
        assert page(app).text.startswith("Signature: len(obj, /)")
        await pilot.press("escape")
        await until(lambda: app.focused is cell, what="the focus back in the cell")
        await type_cell(pilot, "x")
        await until(lambda: "Out[4]: 42" in log_text(app), what="a cell typed after Escape")
        notebook = nbformat.read(notes_dir / f"{LESSON}.ipynb", as_version=4)
        help_cell = next(c for c in notebook.cells if c.cell_type == "code" and c.source == "len?")
        assert help_cell.execution_count == 1
        [output] = help_cell.outputs
        assert output.output_type == "display_data"
        assert "Return the number of items in a container" in output.data["text/plain"]
        nbformat.validate(notebook)
        await quit_app(app, pilot)


async def test_source_help_is_searched_and_a_long_page_starts_at_its_top(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await type_cell(pilot, "import json")
        await type_cell(pilot, "json.dumps??")
        await until(lambda: pager_open(app), timeout=20, what="the pager")
        text = page(app)
        assert text.document.line_count > text.size.height, "a page longer than the pager"
        assert text.scroll_offset.y == 0 and text.text.startswith("Signature:")
        assert "line 1 of" in status(app)
        await pilot.press("slash", *"JSONEncoder", "enter")
        assert text.selected_text == "JSONEncoder"
        row = text.selection.start[0]
        await pilot.press("n")
        assert text.selection.start[0] > row, "n: the next match"
        await pilot.press("slash", *"no such words here", "enter")
        assert "not found: no such words here" in status(app)
        await pilot.press("G")
        await until(lambda: text.scroll_offset.y > 0, what="G: the end")
        await pilot.press("g")
        await until(lambda: text.scroll_offset.y == 0 and text.cursor_location == (0, 0), what="g: the top")
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, HelpPager), what="the pager closed")
        await quit_app(app, pilot)


async def test_shift_tab_shows_the_signature_first_and_all_docs_one_key_away(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        cell = app.study_screen.code.input_widget
        await type_cell(pilot, "import json")
        await until(lambda: "In [1]: import json" in log_text(app), what="cell 1")
        await pilot.press(*"json.dumps")
        await pilot.press("shift+tab")
        await until(lambda: "(shift+tab again" in log_text(app), timeout=15, what="the docs' head")
        shown = log_text(app)
        head = " ".join(shown[shown.index("In [1]: import json"):].split()[4:])
        assert head.startswith("json.dumps( obj, *, skipkeys=False,"), f"the signature first: {head[:300]}"
        assert "Serialize ``obj`` to a JSON formatted ``str``" in head, "then the first paragraph"
        assert "Docstring:" not in head and "File:" not in head, "only the signature and first paragraph"
        await pilot.press("shift+tab")
        await until(lambda: pager_open(app), timeout=15, what="the whole docs")
        text = page(app)
        assert text.scroll_offset.y == 0 and text.text.startswith("Signature:")
        assert "If ``skipkeys`` is true" in text.text, "the whole docstring"
        await pilot.press("q")
        await until(lambda: app.focused is cell, what="the focus back in the cell")
        assert cell.text == "json.dumps", "the cell is as it was"
        cell.move_cursor((0, len("json")))
        await app.study_screen.run_action("all_docs")  # the palette's command: json's docs, at once
        await until(lambda: pager_open(app), timeout=15, what="the pager from the palette")
        assert page(app).text.startswith("Type:") and "JSON (JavaScript Object Notation)" in page(app).text
        assert "docs: json" in str(pager(app).query_one("#pager-box").border_title)
        await pilot.press("escape")
        await until(lambda: app.focused is cell, what="the focus back in the cell")
        await quit_app(app, pilot)


async def test_load_fills_the_cell_and_exit_asks_before_quitting(lessons_dir, notes_dir, tmp_path):
    script = tmp_path / "snippet.py"
    script.write_text("total = sum(range(10))\nprint(total)\n", encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        cell = app.study_screen.code.input_widget
        await type_cell(pilot, f"%load {script}")
        await until(lambda: "total = sum(range(10))" in cell.text, timeout=20, what="the cell filled")
        assert cell.text.endswith("print(total)") and cell.cursor_location == cell.document.end
        await pilot.press("enter")
        await until(lambda: "45" in log_text(app), what="the loaded cell run")
        await type_cell(pilot, "exit")
        await until(lambda: isinstance(app.screen, ConfirmScreen), timeout=20, what="asked whether to quit")
        assert "a new one starts" in str(app.screen.query_one("#confirm-question", Static).content)
        await pilot.press("n")
        await until(lambda: app.focused is cell, what="the focus back in the cell")
        assert not app.quitting
        await until(lambda: "kernel restarted" in log_text(app), timeout=30, what="a new kernel (exit ended it)")
        await type_cell(pilot, "21 * 2")
        await until(lambda: "Out[1]: 42" in log_text(app), timeout=30, what="still studying")
        await type_cell(pilot, "quit")
        await until(lambda: isinstance(app.screen, ConfirmScreen), timeout=20, what="asked again")
        await pilot.press("y")
        await until(lambda: app.quitting, what="studytui quitting")
