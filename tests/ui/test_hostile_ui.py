"""The hostile lesson pack in the app (Pilot, a real kernel, real files): markup shows literally,
no control character is drawn, no click trusts the folder, nothing is written outside the notes."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest
from textual.widgets import Label
from textual.widgets._toast import Toast

from studytui.config import Settings
from studytui.core.lessons import TRUST_FILE
from studytui.ui.app import StudyApp
from studytui.ui.exercises.trust_dialog import TrustDialog
from tests.hostile import (
    CHECK_FAILURE,
    CLEAR_SCREEN,
    CLICK,
    EXERCISE_ID,
    LESSON_ID,
    MARKERS,
    OSC_TITLE,
    control_characters,
    write_hostile_pack,
)
from tests.ui.test_app import SIZE, log_text, tree_labels
from tests.waiting import until

pytestmark = pytest.mark.timeout(90)


def drawn(app: StudyApp) -> str:
    """Every character the screen would send to the terminal now (toasts and dialogs included)."""
    update = app.screen._compositor.render_update(full=True)
    lines = []
    for line in update.strips:
        strips = [line] if hasattr(line, "_segments") else list(line)
        lines.append("".join(segment.text for strip in strips for segment in strip))
    return "\n".join(lines)


def assert_clean(app: StudyApp) -> str:
    text = drawn(app)
    assert not control_characters(text), sorted(set(control_characters(text)))
    assert not any(marker in text for marker in MARKERS), "an OSC payload was drawn"
    return text


def shown(app: StudyApp) -> str:
    """The log's text without whitespace: the pane's width decides where lines wrap."""
    return flat(log_text(app))


def flat(text: str) -> str:
    return "".join(text.split())


def trusted(folder: Path) -> bool:
    path = Path(platformdirs.user_config_dir("studytui")) / TRUST_FILE
    return path.exists() and str(folder.resolve()) in json.loads(path.read_text())["trusted"]


@pytest.mark.real_kernel  # the pack's exercise check runs in the kernel
async def test_the_hostile_pack_is_shown_literally_and_touches_nothing_outside(tmp_path):
    pack = write_hostile_pack(tmp_path / "lessons", outside=tmp_path / "outside")
    notes = tmp_path / "notes"
    app = StudyApp(Settings(lessons_dir=pack.root, notes_dir=notes, start_pass=2))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(lambda: app.session.lesson is not None and app.session.lesson.id == LESSON_ID,
                    what="the hostile lesson open")
        labels = tree_labels(app)
        assert any(label.startswith(f"0/1 Title {CLICK}") for label in labels), labels  # progress first
        assert any("file [@click=app.trust_lessons]click[b]" in label for label in labels), "the bad file name"
        assert any(label.startswith("line 5: the lesson id is 5000 characters long") for label in labels)
        await until(lambda: app._notifications, what="the broken lessons toast")
        assert_clean(app)

        # A toast that holds a click link: clicking it closes it and trusts nothing.
        app.notify(f"{CLICK} and {CHECK_FAILURE}")
        await until(lambda: any(CLICK in toast.render().plain for toast in app.screen.query(Toast)), what="toast")
        for toast in list(app.screen.query(Toast)):
            await pilot.click(toast)
        await pilot.pause()
        assert not trusted(pack.root)
        assert not isinstance(app.screen, TrustDialog)

        # Kernel text: an input() prompt with markup, OSC sequences in output.
        await pilot.press("f4")
        app.study_screen.code.input_widget.load_text("answer = input('[/] give me: ')")
        await pilot.press("ctrl+r")
        await until(lambda: app.screen.query("#stdin-label") and "[/] give me:" in str(
            app.screen.query_one("#stdin-label", Label).render()), timeout=30, what="the input prompt, literally")
        await pilot.press(*"[b]x", "enter")
        await until(lambda: flat("[/] give me: [b]x") in shown(app), timeout=20, what="the answer echoed")
        app.study_screen.code.input_widget.load_text(
            # The markers are split in the source, so only the output could draw them whole.
            "print('\\x1b]0;PW' + 'NED-BY-KERNEL\\x07\\x1b]52;c;cHdu' + 'ZWQ=\\x07before\\x1b[2J after\\x00')"
        )
        await pilot.press("ctrl+r")
        await until(lambda: flat("before") in shown(app), timeout=20, what="the kernel output")
        assert "before after" in log_text(app) and "␀" not in log_text(app), "OSC and CSI dropped whole, NUL stripped"
        assert "PWNED" not in log_text(app) and "cHduZWQ" not in log_text(app)
        assert_clean(app)

        # The exercise: task and hint literal; its check refused until the dialog says y.
        app.study_screen.outline.focus()
        node = app.study_screen.outline._exercise_nodes[f"{LESSON_ID}/{EXERCISE_ID}"]
        node.parent.expand()
        await pilot.pause()
        app.study_screen.outline.select_node(node)
        await until(lambda: flat(f"Task {CLICK}") in shown(app), what="the task")
        await pilot.press("f6")
        await until(lambda: flat(f"Hint {CLICK}") in shown(app), what="the hint")
        await pilot.press("f5")  # asks in the trust dialog; n refuses
        await until(lambda: isinstance(app.screen, TrustDialog), what="the trust question")
        assert_clean(app)
        await pilot.press("n")
        await until(lambda: flat("you have not trusted") in shown(app), what="the refusal")
        await app.study_screen.run_action("trust_lessons")
        await until(lambda: isinstance(app.screen, TrustDialog), what="the trust dialog")
        assert_clean(app)
        await pilot.press("y")
        await until(lambda: trusted(pack.root), what="the folder trusted by its dialog")
        await pilot.press("f5")
        await until(lambda: flat(f"{CHECK_FAILURE}") in shown(app), timeout=30, what="the check's message, literally")
        assert "PWNED" not in log_text(app)
        assert_clean(app)
        await app.action_quit()
        await pilot.pause()

    assert not (tmp_path / "outside").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["lessons", "notes"]
    assert (notes / f"{LESSON_ID}.ipynb").exists()


async def test_files_that_lead_outside_the_notes_folder_are_never_written(tmp_path, lessons_dir):
    notes, outside = tmp_path / "notes", tmp_path / "outside"
    notes.mkdir()
    outside.mkdir()
    (outside / "settings.json").write_text("theirs\n")
    (outside / "other.ipynb").write_text("theirs\n")
    # The second sample lesson's notes file and the first one's notebook point outside.
    (notes / "sample-bigrams.md").symlink_to(outside / "settings.json")
    (notes / "sample-micrograd.ipynb").symlink_to(outside / "other.ipynb")
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes, start_pass=2))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(lambda: app.session.lesson is not None and app.session.lesson.id == "sample-micrograd",
                    what="the first lesson")
        app.session.open_lesson(app.session.library.find("sample-bigrams"))
        await pilot.pause()
        assert app.session.lesson.id == "sample-micrograd", "a lesson whose notes lead outside is not opened"
        assert any("leads outside the notes folder" in n.message for n in app._notifications)
        await pilot.press("f4")
        app.study_screen.code.input_widget.load_text("print('kept' + ' aside')")
        await pilot.press("ctrl+r")
        await until(lambda: flat("kept aside") in shown(app), timeout=30, what="the cell's output")
        aside = notes / ".studytui" / "refused-paths" / "sample-micrograd.ipynb"
        await until(aside.exists, timeout=10, what="the notebook written inside instead")
        await app.action_quit()
        await pilot.pause()
    assert (outside / "settings.json").read_text() == "theirs\n"
    assert (outside / "other.ipynb").read_text() == "theirs\n"
    assert sorted(path.name for path in outside.iterdir()) == ["other.ipynb", "settings.json"]


async def test_editors_draw_control_characters_as_symbols_and_keep_the_text(tmp_path, lessons_dir):
    notes = tmp_path / "notes"
    notes.mkdir()
    raw = f"# notes\n- [00:10] a note {OSC_TITLE}{CLEAR_SCREEN} end\n"
    (notes / "sample-micrograd.md").write_text(raw, encoding="utf-8")
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes, start_pass=2))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "a note" in app.study_screen.notes.editor.text, what="the notes loaded")
        app.study_screen.code.input_widget.load_text(f"x = 1  # {CLEAR_SCREEN}")
        await pilot.pause()
        assert app.study_screen.notes.editor.text == raw, "the document keeps its characters"
        text = drawn(app)
        assert not control_characters(text), sorted(set(control_characters(text)))
        # An editor shows its document one symbol per character, the OSC's text included (the notes
        # pane wraps the note before it at 160 columns).
        assert "- [00:10] a note" in text and "␛]0;PWNED-BY-LESSON" in text and "x = 1  # ␛[2J␛[H" in text
        await app.action_quit()
        await pilot.pause()
