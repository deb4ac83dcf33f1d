"""Where a lesson resumes, and what counts as watching it to the end."""

from __future__ import annotations

from studytui.core.player import played_through_end, resume_position


def test_a_position_past_the_end_resumes_at_the_last_chapter_inside_the_video():
    assert resume_position(100.0, 600.0, [0, 300]) == 100.0
    assert resume_position(1020.0, 600.0, [0, 300, 900]) == 300.0
    assert resume_position(599.8, 600.0, []) == 0.0
    assert resume_position(1020.0, None, [0, 300]) == 1020.0, "an unknown length changes nothing"


def test_only_playing_across_the_end_finishes():
    assert played_through_end(598.0, 599.9, 0.25, True, 600.0)
    assert played_through_end(596.0, 600.0, 0.25, True, 600.0), "a 5 s seek while playing near the end counts"
    assert not played_through_end(598.0, 599.9, 0.25, False, 600.0), "paused: it was moved, not played"
    assert not played_through_end(100.0, 600.0, 0.25, True, 600.0), "a jump from the middle"
    assert not played_through_end(600.0, 600.0, 0.25, True, 600.0), "already there (a resume at the end)"
