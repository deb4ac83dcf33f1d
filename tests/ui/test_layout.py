"""The screen at any size: one pane at a time (tabs) below 120 columns, f11 maximises the focused
pane and restores the layout, the outline can be hidden and resized."""

from __future__ import annotations

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp

pytestmark = pytest.mark.timeout(60)


def shown(app: StudyApp) -> dict[str, int]:
    """Width of each pane on screen (0: hidden)."""
    panes = {"outline": app.study_screen.outline, "notes": app.study_screen.notes, "code": app.study_screen.code}
    return {name: pane.outer_size.width if pane.display and pane.region.width else 0 for name, pane in panes.items()}


async def test_at_80_columns_one_pane_at_a_time_and_the_code_cell_is_wide(lessons_dir, notes_dir):
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == {"outline": 0, "notes": 80, "code": 0}
        await pilot.press("f4")
        await pilot.pause()
        assert shown(app) == {"outline": 0, "notes": 0, "code": 80}
        assert app.study_screen.code.input_widget.size.width >= 60
        await pilot.press("f11")
        await pilot.pause()
        assert app.study_screen.code.input_widget.size.width >= 60, "f11 keeps the code cell wide"
        await pilot.press("f2")
        await pilot.pause()
        assert shown(app)["outline"] == 80 and "f2 outline" in str(app.query_one("#tab-strip").render())
        await app.action_quit()


async def test_f11_maximises_the_focused_pane_and_restores_the_layout(lessons_dir, notes_dir):
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        before = shown(app)
        assert all(before.values()) and before["code"] >= 60, before
        await pilot.press("f4", "f11")
        await pilot.pause()
        assert shown(app) == {"outline": 0, "notes": 0, "code": 160}
        await pilot.press("f11")
        await pilot.pause()
        assert shown(app) == before

        await app.study_screen.run_action("toggle_outline")
        await pilot.pause()
        after = shown(app)
        assert after["outline"] == 0 and after["notes"] + after["code"] == 160, "its room goes to the panes"
        assert after["code"] >= before["code"]
        await app.study_screen.run_action("wider_outline")
        await pilot.pause()
        assert shown(app)["outline"] == before["outline"] + 4, "resizing shows it again, wider"
        await app.action_quit()


async def test_pass_one_footer_shows_pass_one_keys(lessons_dir, notes_dir):
    from tests.ui.test_app import screen_text

    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_pass=1))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()
        assert not any("^r Run" in line for line in footer), "no code cell in pass 1"
        assert any("f10 Lessons" in line for line in footer)
        assert any("^n Bookmark" in line for line in footer), "ctrl+n drops a bookmark in pass 1"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert any("^r Run" in line for line in screen_text(app).splitlines())
        assert any("^n New note" in line for line in screen_text(app).splitlines())
        await app.action_quit()


async def test_moving_between_panes_keeps_the_footer_and_a_pass_change_redraws_it(lessons_dir, notes_dir):
    """The footer shows app keys, the same whatever has focus: f2/f3/f4 do not rebuild it (Textual's
    Footer rebuilt its ~25 widgets on every focus change); keys that come and go do show."""
    from textual.widgets._footer import FooterKey

    from tests.ui.test_app import screen_text

    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_pass=2))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert keys, "the footer shows keys"
        for key in ("f2", "f4", "f3", "f4"):
            await pilot.press(key)
            await pilot.pause()
        assert list(app.screen.query(FooterKey)) == keys, "the same key widgets, not rebuilt"
        assert any("^r Run" in line for line in screen_text(app).splitlines())
        await pilot.press("ctrl+o")  # pass 1: the code keys leave the footer
        await pilot.pause()
        assert not any("^r Run" in line for line in screen_text(app).splitlines())
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert any("^r Run" in line for line in screen_text(app).splitlines())
        await app.action_quit()


async def test_the_footer_shows_every_key_whole_in_80_columns(lessons_dir, notes_dir):
    """Short labels in the footer (the whole description is its tooltip, the palette's and f1's)."""
    from tests.ui.test_app import screen_text

    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_pass=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = next(line for line in screen_text(app).splitlines() if "palette" in line)
        for shown in ("^q Quit", "^t Play/pause", "^n New note", "^r Run", "f10 Lessons", "f1 Help",
                      "^p palette"):
            assert shown in footer, footer
        assert app.active_bindings["ctrl+r"].binding.tooltip == "Run the code cell"
        await app.action_quit()
