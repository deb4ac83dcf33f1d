"""Tables and math from a real kernel, as the code pane draws them: a DataFrame's HTML table as a
table (its text/plain where the table is too wide), IPython's HTML, Markdown and Math objects, and
hostile HTML bounded and inert."""

from __future__ import annotations

import pytest

from tests.ui.test_app import log_text
from tests.ui.test_code_pane import make_app, ready, run
from tests.ui.test_study import quit_app
from tests.waiting import until

pytestmark = [pytest.mark.timeout(120), pytest.mark.real_kernel]

SIZE = (160, 45)

# What pandas' DataFrame._repr_html_ writes for a frame with a named index, cut to 60 rows.
FRAME_HTML = """<div>
<style scoped>
    .dataframe tbody tr th:only-of-type { vertical-align: middle; }
    .dataframe thead th { text-align: right; }
</style>
<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;"><th></th><th>loss</th><th>lr</th><th>name</th></tr>
    <tr><th>step</th><th></th><th></th><th></th></tr>
  </thead>
  <tbody>
    <tr><th>0</th><td>2.3125</td><td>0.1</td><td>warmup</td></tr>
    <tr><th>1</th><td>1.9731</td><td>0.1</td><td>warmup</td></tr>
    <tr><th>...</th><td>...</td><td>...</td><td>...</td></tr>
    <tr><th>99</th><td>0.4410</td><td>0.01</td><td>decay</td></tr>
  </tbody>
</table>
<p>100 rows × 3 columns</p>
</div>"""
FRAME_PLAIN = "        loss    lr    name\\nstep\\n0     2.3125  0.10  warmup\\n...\\n\\n[100 rows x 3 columns]"

FRAME = f'''
class Frame:
    def __init__(self, html, plain):
        self.html, self.plain = html, plain
    def __repr__(self):
        return self.plain
    def _repr_html_(self):
        return self.html
Frame({FRAME_HTML!r}, "{FRAME_PLAIN}")
'''

WIDE = '''
cells = "".join(f"<th>column_with_a_long_name_{i}</th>" for i in range(12))
row = "".join(f"<td>{i}.5</td>" for i in range(12))
html = f"<table><thead><tr>{cells}</tr></thead><tbody><tr>{row}</tr></tbody></table>"
Frame(html, "wide frame as pandas prints it, in blocks of columns")
'''

HOSTILE = r'''
from IPython.display import HTML
rows = "".join(f"<tr><td>{i}</td><td>&#27;[2J&#27;]0;owned&#7;<script>alert(1)</script>[bold]x[/bold]</td></tr>"
               for i in range(1000))
HTML("<script>document.write('hi')</script><table><tr><th>n</th><th>text</th></tr>" + rows + "</table>")
'''


def table_rows(app, after: str) -> list[str]:
    """The log's lines after the first one holding `after`, as drawn."""
    lines = log_text(app).split("\n")
    start = next(index for index, line in enumerate(lines) if after in line)
    return lines[start:]


async def test_a_dataframe_is_a_table_where_it_fits_and_its_text_where_not(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, FRAME)
        await until(lambda: "100 rows × 3 columns" in log_text(app), 20, "the frame drawn")
        rows = table_rows(app, "Out[1]")
        header = next(row for row in rows if "loss" in row)
        assert "lr" in header and "name" in header and "step" in header, rows[:8]
        rule = rows[rows.index(header) + 1]
        assert set(rule.strip()) <= {"─", " "} and "─" in rule, "the header's rule"
        first = rows[rows.index(header) + 2].split()
        assert first == ["0", "2.3125", "0.1", "warmup"], rows[:8]
        out = log_text(app).split("Out[1]")[-1]
        assert "[100 rows x 3 columns]" not in out, "the table, not the text/plain"
        assert ".dataframe" not in out, "the style is no text"

        await run(app, pilot, WIDE)
        await until(lambda: "wide frame as pandas prints it" in log_text(app), 20, "the wide frame")
        assert "column_with_a_long_name_11" not in log_text(app).split("Out[2]")[-1], "too wide: the text/plain"
        await quit_app(app, pilot)


async def test_html_markdown_and_math_objects(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, "from IPython.display import HTML\n"
                              "HTML('<table><tr><th>x</th><th>y</th></tr><tr><td>1</td><td>one</td></tr></table>')")
        await until(lambda: "Out[1]" in log_text(app), 20, "the HTML table")
        rows = table_rows(app, "Out[1]")
        assert rows[1].split() == ["x", "y"] and rows[3].split() == ["1", "one"], rows[:5]
        assert "IPython.core.display.HTML object" not in log_text(app)

        await run(app, pilot, "from IPython.display import Markdown\nMarkdown('**strong** [red]x[/red] `code`')")
        await until(lambda: "Out[2]" in log_text(app), 20, "the markdown")
        shown = table_rows(app, "Out[2]")[1]
        assert "strong [red]x[/red] code" in shown, "rendered, and its brackets are text, never markup"

        await run(app, pilot, "from IPython.display import Math\n" r"Math(r'\alpha^{2} + \frac{1}{2} \leq \sqrt{x}')")
        await until(lambda: "Out[3]" in log_text(app), 20, "the math")
        assert "Out[3]: α^2 + 1/2≤√(x)" in log_text(app), "as pylatexenc writes it"
        assert "IPython.core.display.Math object" not in log_text(app)

        await run(app, pilot, "from IPython.display import HTML\nHTML('<b>bold</b> and <script>alert(1)</script>"
                              "<p>a second &amp; last paragraph</p>')")
        await until(lambda: "Out[4]" in log_text(app), 20, "the HTML text")
        assert table_rows(app, "Out[4]") == ["Out[4]: bold and", "a second & last paragraph"], "no script"
        await quit_app(app, pilot)


async def test_hostile_html_is_bounded_and_inert(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, HOSTILE)
        await until(lambda: "more rows not shown" in log_text(app), 30, "the table, cut")
        text = log_text(app)
        out = text.split("Out[1]")[-1]
        assert "[800 more rows not shown]" in out, "200 rows kept of the 1,000"
        assert "\n199 " in out and "\n200 " not in out
        assert "alert" not in out and "document.write" not in out
        assert "\x1b" not in text and "\x07" not in text
        assert "[2J]0;owned[bold]x[/bold]" in text, "the escapes' printable rest and the brackets are text"
        await quit_app(app, pilot)
