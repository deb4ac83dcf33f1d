"""studytui: a terminal study companion for the second pass through a video lesson."""

__version__ = "0.1.0"
