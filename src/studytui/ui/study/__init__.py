"""The study feature: the two passes, bookmarks, seeking to stamps, the study log, statistics, the digest."""

from studytui.ui.study.study import Study
from studytui.ui.study.watch_view import WatchView

__all__ = ["Study", "WatchView"]
