"""The review feature: the review screen and its controller (cards from the notes, graded with FSRS)."""
