"""The studytui screen driven with Textual's Pilot, over a real ipykernel and real files."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget

from studytui.config import Settings
from studytui.core.timecode import format_time
from studytui.ui.app import StudyApp
from studytui.ui.code.code_pane import CodePane, OutputLog
from studytui.ui.notes.notes_pane import NotesPane
from studytui.ui.outline.outline import Outline
from tests.conftest import BROKEN_LESSON
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

SIZE = (160, 45)


def make_app(lessons_dir: Path, notes_dir: Path) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))


def header_text(app: StudyApp) -> str:
    return app.study_screen.header.render().plain


def log_text(app: StudyApp) -> str:
    log = app.query_one(OutputLog)
    return "\n".join("".join(segment.text for segment in strip) for strip in log.lines)


def widget_text(widget: Widget) -> str:
    """A widget's text as drawn on the screen now, its wrapped rows joined by spaces."""
    width, height = widget.outer_size
    return " ".join(strip.text.strip() for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(app: StudyApp) -> str:
    """The characters on the screen, read from Textual's own screenshot."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def tree_labels(app: StudyApp) -> list[str]:
    labels = []

    def walk(node) -> None:
        labels.append(node.label.plain)
        for child in node.children:
            walk(child)

    walk(app.study_screen.outline.root)
    return labels


async def test_three_panes_and_the_lesson_outline(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.query_one(Outline).display and app.query_one(NotesPane).display
        assert app.query_one(CodePane).display
        labels = tree_labels(app)
        assert "Sample course" in labels
        assert any(label.startswith("Sample micrograd") for label in labels)
        assert any("19:09 the Value object" in label for label in labels)
        assert "Sample micrograd" in header_text(app)
        assert "0:00:00 / 2:25:52" in header_text(app)
        assert f"sample-micrograd.md  in {notes_dir}" in str(app.query_one("#notes-path").render())
        await app.action_quit()
        await pilot.pause()


async def test_new_note_is_stamped_placed_and_on_disk_within_a_second(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.session.clock.seek(20 * 60 + 1)
        await pilot.press("ctrl+t")
        assert app.session.clock.playing
        await pilot.press("ctrl+n")
        assert not app.session.clock.playing, "a new note pauses the lesson"
        assert app.study_screen.notes.editor.has_focus
        stamped = int(app.session.clock.position)  # 20:01, or a second later on a slow machine
        assert stamped in (20 * 60 + 1, 20 * 60 + 2)
        await pilot.press(*"grads flow back")
        notes_file = notes_dir / "sample-micrograd.md"
        link = f"https://youtu.be/VMj-3S1tku0?t={stamped}"
        expected = f"- [{format_time(stamped)}]({link}) grads flow back"
        await until(
            lambda: notes_file.exists() and expected in notes_file.read_text(encoding="utf-8"),
            timeout=1.0,
            what="the note on disk",
        )
        text = notes_file.read_text(encoding="utf-8")
        assert text.index("## 19:09 the Value object") < text.index(expected)
        await app.action_quit()
        await pilot.pause()


async def test_a_cell_runs_in_the_kernel_and_its_output_shows(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        assert app.study_screen.code.input_widget.has_focus
        # Typed before the kernel is ready: it runs as soon as it is.
        await pilot.press(*"print(6*7)", "enter")
        await until(lambda: "42" in log_text(app), timeout=30, what="42 in the output log")
        assert "In [1]: print(6*7)" in log_text(app)
        await pilot.press(*"1/0", "ctrl+r")
        await until(lambda: "ZeroDivisionError" in log_text(app), timeout=10, what="the traceback")
        await pilot.press(*"'a' * 3", "enter")
        await until(lambda: "Out[3]: 'aaa'" in log_text(app), timeout=10, what="Out[3]")
        await app.action_quit()
        await pilot.pause()


async def test_enter_inside_an_open_block_adds_an_indented_line(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", *"for i in range(2):", "enter")
        assert app.study_screen.code.input_widget.text == "for i in range(2):\n    "
        await pilot.press(*"print(i * 10)", "enter", "enter")
        await until(lambda: "10" in log_text(app).split("...:")[-1], timeout=30, what="loop output")
        assert app.study_screen.code.input_widget.text == ""
        await app.action_quit()
        await pilot.pause()


async def test_header_follows_the_clock_and_the_kernel(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "kernel: idle" in header_text(app), timeout=30, what="kernel idle")
        assert "paused" in header_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "playing" in header_text(app)
        await until(lambda: "0:00:01 / 2:25:52" in header_text(app), timeout=3, what="the clock to move")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "paused" in header_text(app)
        await pilot.press("f4", *"import time; time.sleep(1)", "enter")
        await until(lambda: "kernel: busy" in header_text(app), timeout=5, what="kernel busy")
        await until(lambda: "kernel: idle" in header_text(app), timeout=5, what="kernel idle again")
        await app.action_quit()
        await pilot.pause()


async def test_ctrl_c_in_the_code_pane_interrupts_a_running_cell(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", *"while True: pass", "enter")
        await until(lambda: "kernel: busy" in header_text(app), timeout=30, what="kernel busy")
        await pilot.press("ctrl+c")
        await until(lambda: "KeyboardInterrupt" in log_text(app), timeout=10, what="KeyboardInterrupt")
        await until(lambda: "kernel: idle" in header_text(app), timeout=5, what="kernel idle")
        await app.action_quit()
        await pilot.pause()


async def test_picking_a_chapter_moves_the_clock_and_it_is_remembered(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        outline = app.study_screen.outline
        lesson_node = next(n for n in outline.root.children[0].children if n.data.lesson_id == "sample-micrograd")
        outline.jump_to(lesson_node.children[2])
        await until(lambda: app.session.clock.position == 19 * 60 + 9, timeout=2, what="clock at 19:09")
        await pilot.pause()
        assert "0:19:09 / 2:25:52" in header_text(app)
        # Another lesson, then back: each keeps its own clock.
        other = next(n for n in outline.root.children[0].children if n.data.lesson_id == "sample-bigrams")
        outline.jump_to(other)
        await until(lambda: app.session.lesson.id == "sample-bigrams", timeout=2, what="second lesson open")
        assert app.session.clock.position == 0
        await app.action_quit()
        await pilot.pause()

    again = make_app(lessons_dir, notes_dir)
    async with again.run_test(size=SIZE) as pilot:
        assert again.session.lesson.id == "sample-bigrams", "the last lesson opens again"
        again.session.open_lesson(again.session.library.find("sample-micrograd"))
        assert again.session.clock.position == 19 * 60 + 9
        await again.action_quit()
        await pilot.pause()


async def test_a_broken_lesson_is_listed_with_its_line_and_the_rest_loads(lessons_dir, notes_dir):
    (lessons_dir / "03-broken.md").write_text(BROKEN_LESSON, encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        labels = tree_labels(app)
        assert "03-broken.md" in labels
        assert any(label.startswith("line 6:") for label in labels), labels
        assert any(label.startswith("Sample bigrams") for label in labels)
        await app.action_quit()
        await pilot.pause()


async def test_notes_edited_elsewhere_are_kept_beside_ours(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"mine")
        notes_file = notes_dir / "sample-micrograd.md"
        await until(lambda: notes_file.exists() and "mine" in notes_file.read_text(), timeout=2, what="save")
        notes_file.write_text("# written by another editor\n", encoding="utf-8")
        await pilot.press(*" and more")
        await until(lambda: "mine and more" in notes_file.read_text(), timeout=2, what="second save")
        kept = list(notes_dir.glob("sample-micrograd.from-disk-*.md"))
        assert len(kept) == 1 and kept[0].read_text() == "# written by another editor\n"
        await app.action_quit()
        await pilot.pause()


async def test_help_lists_every_key(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        shown = screen_text(app)
        assert "studytui keys" in shown and "observation" in shown
        for _page in range(8):  # the help scrolls: it is taller than a small terminal
            await pilot.press("pagedown")
            await pilot.pause()
            shown += screen_text(app)
        for key in ("ctrl+t", "ctrl+n", "ctrl+r", "ctrl+c", "f2", "f3", "f4", "f1", "f10", "f11", "ctrl+p", "ctrl+q",
                    "alt+f", "alt+n", "alt+c", "alt+o"):
            assert key in shown, key
        await pilot.press("escape")
        await app.action_quit()
        await pilot.pause()


def test_the_notes_file_is_named_before_its_folder(tmp_path, monkeypatch):
    from studytui.ui.notes.notes_pane import where_notes_are

    monkeypatch.setenv("HOME", str(tmp_path))
    assert where_notes_are(tmp_path / "Documents" / "studytui" / "zth-01.md") == "zth-01.md  in ~/Documents/studytui"
    assert where_notes_are(Path("/srv/notes/zth-01.md")) == "zth-01.md  in /srv/notes"
