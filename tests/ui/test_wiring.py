"""The study screen coordinates the features: every key and palette command reaches an action, the
open lesson changes only through the session, and the screen handles only messages that cross
features."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from studytui.config import Settings
from studytui.ui.app import StudyApp
from studytui.ui.keys import APP_KEYS, CODE_KEYS, PALETTE_ONLY
from studytui.ui.messages import ExercisePicked, KernelStateChanged, LessonPicked, RunRequested
from studytui.ui.notes import NotesSaved, SeekRequested
from studytui.ui.study_screen import StudyScreen
from studytui.ui.widgets.paste_guard import PasteRefused

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def app(lessons_dir, notes_dir):
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    yield app
    app.study_log.close()


def test_every_key_and_palette_command_has_an_action(app):
    for key in (*APP_KEYS, *CODE_KEYS, *PALETTE_ONLY):
        if key.action:
            owner = app if key.app_wide else app.study_screen
            assert callable(getattr(owner, f"action_{key.action}", None)), f"nothing does '{key.action}'"


def test_the_app_keys_are_the_app_and_the_rest_the_study_screen(app):
    app_keys = {binding.key for binding in StudyApp.BINDINGS if binding.key in {k.key for k in APP_KEYS}}
    screen_keys = [binding.key for binding in StudyScreen.BINDINGS]
    assert app_keys == {"f1", "ctrl+q", "ctrl+t"}, "the keys that work over every screen"
    assert sorted(screen_keys) == sorted(key.key for key in APP_KEYS), "the key table, whole"


def test_only_the_session_changes_the_open_lesson(app):
    lesson = app.session.library.lessons[0]
    with pytest.raises(AttributeError):
        app.session.lesson = lesson  # opened with open_lesson, which every path uses
    with pytest.raises(AttributeError):
        app.session.clock = app.session.clock
    with pytest.raises(AttributeError):
        app.session.library = app.session.library


def test_the_screen_handles_only_messages_that_cross_features():
    handled = {
        message
        for method in vars(StudyScreen).values()
        for message, _selectors in getattr(method, "_textual_on", ())
    }
    assert handled == {
        LessonPicked, ExercisePicked, RunRequested, PasteRefused, NotesSaved, SeekRequested,
        TextArea.Changed, KernelStateChanged,
    }
    assert len(handled) <= 8
    assert not [name for name in vars(StudyScreen) if name.startswith("on_") and name not in (
        "on_mount", "on_resize", "on_descendant_focus")], "every message handler is an @on"


def test_every_palette_command_says_more_than_its_title():
    for key in (*APP_KEYS, *PALETTE_ONLY):
        assert key.palette_help() and key.palette_help() != key.description, key.action
