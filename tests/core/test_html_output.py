"""HTML and LaTeX outputs as the terminal shows them: pandas' tables read into rows (spans spread
as pandas prints a sparse index), anything else or anything too large left to text, hostile input
bounded and inert, and which part of a bundle is shown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studytui.core.kernel import (
    CellOutputs,
    DisplayData,
    LessonNotebook,
    RichResult,
    outputs_view,
    read_saved_cells,
    shown_text,
)
from studytui.core.kernel.html_output import MAX_COLUMNS, MAX_HTML, MAX_ROWS, html_text, read_html_table
from studytui.core.kernel.rich_output import latex_text

# pandas' to_html for a frame with a two-level index and two-level columns.
MULTI_INDEX = """<table border="1" class="dataframe">
  <thead>
    <tr><th></th><th></th><th colspan="2" halign="left">A</th></tr>
    <tr><th></th><th></th><th>x</th><th>y</th></tr>
  </thead>
  <tbody>
    <tr><th rowspan="2" valign="top">a</th><th>1</th><td>1</td><td>2</td></tr>
    <tr><th>2</th><td>3</td><td>4</td></tr>
    <tr><th>b</th><th>1</th><td>5</td><td>6</td></tr>
  </tbody>
</table>"""


def test_a_multi_index_frame_keeps_its_shape():
    table = read_html_table(MULTI_INDEX)
    assert table is not None
    assert table.header == (("", "", "A", ""), ("", "", "x", "y"))
    assert table.rows == (("a", "1", "1", "2"), ("", "2", "3", "4"), ("b", "1", "5", "6"))
    assert table.index_columns == 2 and table.more_rows == 0 and table.notes == ()


def test_only_one_table_standing_alone_is_read_as_a_table():
    assert read_html_table("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>") is None
    assert read_html_table("<table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>") is None
    assert read_html_table("<table><tr><th>only a header</th></tr></table>") is None
    assert read_html_table("<p>no table</p>") is None
    assert read_html_table("<table>" + "<tr><td>1</td></tr>" * (MAX_HTML // 10) + "</table>") is None, "too large"


def test_hostile_cells_are_bounded_and_inert():
    wide = "<tr>" + "<td colspan='1000000'>x</td>" + "<td>y</td>" * 500 + "</tr>"
    long = "z" * 5000
    rows = "".join(f"<tr><td>{i}</td><td>&#27;[31m<script>alert(1)</script>{long if i == 0 else 'z'}</td></tr>"
                   for i in range(900))
    table = read_html_table(f"<table>{wide}{rows}</table>")
    assert table is not None
    assert table.columns == MAX_COLUMNS and len(table.rows) == MAX_ROWS and table.more_rows == 901 - MAX_ROWS
    cell = table.rows[1][1]
    assert "\x1b" not in cell and "alert" not in cell and len(cell) <= 120


def test_the_text_of_html_without_its_scripts():
    html = "<style>p {}</style><b>bold</b> and <i>it</i><p>para &amp; more</p><script>x = 1</script>"
    assert html_text(html) == "bold and it\npara & more"
    assert html_text("<table><tr><td>1</td><td>2</td></tr></table>") == "1 2"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ =\"'&#;tablerdhspancoli0123456789\x1b\n")), max_size=400))
def test_any_html_is_read_without_error_and_without_escapes(html):
    table = read_html_table(html)
    if table is not None:
        assert all("\x1b" not in cell for row in table.header + table.rows for cell in row)
    assert "\x1b" not in html_text(html)


def test_which_part_of_a_bundle_shows():
    frame = {"text/plain": "   a\n0  1", "text/html": "<table><tr><th>a</th></tr><tr><td>1</td></tr></table>"}
    shown = shown_text(frame)
    assert shown.table is not None and shown.text == "   a\n0  1", "the table, its text/plain kept for narrow panes"
    shown = shown_text({"text/plain": "<IPython.core.display.HTML object>", "text/html": frame["text/html"]})
    assert shown.table is not None and shown.text == "", "a placeholder is no fallback"
    assert shown_text({"text/plain": "x**2", "text/latex": "$x^{2}$"}).text == "x**2", "sympy's own text"
    math = shown_text({"text/plain": "<IPython.core.display.Math object>", "text/latex": r"$\alpha_i$"})
    assert (math.kind, math.text) == ("text/latex", "α_i")
    assert shown_text({"text/plain": "x", "text/markdown": "**x**"}).kind == "text/markdown"
    assert shown_text({"text/html": "<b>hi</b>"}).text == "hi"
    assert shown_text({"application/json": {}}).text == "[output of type application/json: not shown in the terminal]"


def test_latex_that_cannot_be_read_shows_as_it_came():
    assert latex_text(r"\frac{1}{2}") == "1/2"
    deep = "{" * 5000 + "x" + "}" * 5000
    assert latex_text(deep).startswith("{" * 10) or latex_text(deep) == "x"
    assert latex_text("\x1b[2J" + r"\alpha") == "α", "an escape sequence is dropped whole"


def test_earlier_cells_show_their_tables_and_math_again(tmp_path):
    notes = tmp_path / "notes"
    path = notes / "lesson.ipynb"
    cell = CellOutputs(notes / "outputs" / "lesson", "cell-1")
    cell.add(RichResult(1, {"text/plain": "   a\n0  1", "text/html": MULTI_INDEX}))
    cell.add(DisplayData({"text/plain": "<IPython.core.display.Math object>", "text/latex": r"$\alpha$"}, None))
    LessonNotebook(path).append("frame; Math(...)", cell.to_nbformat(relative_to=notes), 1, None)

    (saved,) = read_saved_cells(path)
    frame, math = (shown_text(block.data) for block in outputs_view(saved.outputs, notes).blocks)
    assert frame.table == read_html_table(MULTI_INDEX) and frame.text == "   a\n0  1"
    assert (math.kind, math.text) == ("text/latex", "α")
