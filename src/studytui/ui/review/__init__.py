"""The review feature: the review screen and its controller (cards from the notes, graded with FSRS)."""

from studytui.ui.review.review_controller import ReviewController
from studytui.ui.review.review_screen import ReviewScreen, Rewatch

__all__ = ["ReviewController", "ReviewScreen", "Rewatch"]
