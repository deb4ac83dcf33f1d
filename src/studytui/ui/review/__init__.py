"""The review feature: the review screen over the study screen (cards from the notes, graded with FSRS)."""

from studytui.ui.review.review import Review
from studytui.ui.review.review_screen import ReviewScreen, Rewatch

__all__ = ["Review", "ReviewScreen", "Rewatch"]
