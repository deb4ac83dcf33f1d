"""The App composes the features: every key and palette command reaches one controller's action,
and the open lesson is changed only by the features that own the change."""

from __future__ import annotations

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from studytui.ui.keys import APP_KEYS, CODE_KEYS, PALETTE_ONLY

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def app(lessons_dir, notes_dir):
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    yield app
    app.study_log.close()


def test_every_key_and_palette_command_has_an_action(app):
    for key in (*APP_KEYS, *CODE_KEYS, *PALETTE_ONLY):
        if key.action:
            assert callable(getattr(app, f"action_{key.action}", None)), f"nothing does '{key.action}'"


def test_only_the_owning_features_change_the_open_lesson(app):
    lesson = app.library.lessons[0]
    app.lesson_control.lesson = lesson  # the lesson feature opens lessons
    assert app.lesson is lesson and app.kernel_control.lesson is lesson and app.study_control.lesson is lesson
    for reader in (app.kernel_control, app.study_control, app.player_control):
        with pytest.raises(AttributeError, match="only reads"):
            reader.lesson = None
    with pytest.raises(AttributeError):
        app.clock = app.clock  # the App shows the open lesson; it never changes it


def test_every_routed_message_has_its_handler():
    from studytui.ui.app_messages import ROUTED, MessageRoutes

    handlers = {name for name in vars(MessageRoutes) if name.startswith("on_")}
    routed = {message.handler_name for message in ROUTED}
    assert routed == handlers  # a misspelt handler would silently drop its message
    for name in handlers:
        assert getattr(StudyApp, name) is vars(MessageRoutes)[name]  # nothing in the App shadows one


def test_every_palette_command_says_more_than_its_title():
    for key in (*APP_KEYS, *PALETTE_ONLY):
        assert key.palette_help() and key.palette_help() != key.description, key.action
