"""The video player behind the lesson clock: starting mpv, attaching to one, falling back when it stops.

While mpv starts, the lesson clock is a stopwatch; once mpv has loaded the video it takes over at the
stopwatch's position and state. If mpv quits or crashes the clock becomes a stopwatch again at the
last position, and the palette command "Start the video player" starts mpv there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual.app import App

from studytui.config import Settings
from studytui.core.lessons import Lesson
from studytui.core.player import MpvError, MpvPlayer, Player, Stopwatch
from studytui.core.timecode import format_clock
from studytui.ui.controller import Controller, work
from studytui.ui.messages import PlayerStopped
from studytui.ui.open_lesson import OpenLesson, OpenLessonField

HANDOVER_TOLERANCE = 1.0  # seconds the stopwatch may differ from mpv before mpv is moved to it


class PlayerControl(Controller):
    """The player feature: which clock the open lesson has (a stopwatch or mpv)."""

    _attach_tried = False
    _attached_from = 0.0  # the stopwatch's position when mpv took over

    # Kept in `current`, the open lesson every feature shares.
    lesson = OpenLessonField[Lesson | None]()
    clock = OpenLessonField[Player](writable=True)

    def __init__(
        self, app: App[None], settings: Settings, current: OpenLesson, after_clock_change: Callable[[], None]
    ) -> None:
        super().__init__(app)
        self.settings = settings
        self.current = current
        self._after_clock_change = after_clock_change  # the lesson feature shows and saves the new clock

    def wants_player(self) -> bool:
        return self.settings.player == "mpv" or self.settings.mpv_socket is not None

    def keep_player_across_lessons(self) -> bool:
        """An mpv the learner started (attached) stays the clock whatever lesson is open."""
        clock = self.clock
        return isinstance(clock, MpvPlayer) and not clock.started_by_us and clock.connected

    def video_source(self, lesson: Lesson) -> str | None:
        """The learner's local file for the lesson if configured, else the lesson's `video`."""
        source = self.settings.video_overrides.get(lesson.id) or lesson.video
        if not source or "://" in source:
            return source or None
        path = Path(source).expanduser()
        if not path.is_absolute():
            path = lesson.path.parent / path
        return str(path)

    def action_start_player(self) -> None:
        if self.lesson is None:
            self.notify("Open a lesson first: pick one in the outline (f2).", severity="warning")
            return
        if isinstance(self.clock, MpvPlayer) and self.clock.connected:
            self.notify("The video player is already running.")
            return
        self.start_player(self.lesson, manual=True)

    @work(group="player", exclusive=True, exit_on_error=False)
    async def start_player(self, lesson: Lesson, manual: bool = False) -> None:
        def stopped(reason: str) -> None:
            self.post_message(PlayerStopped(reason, player))

        player = MpvPlayer(on_exit=stopped)
        attach = self.settings.mpv_socket is not None and not self._attach_tried
        try:
            if attach:
                self._attach_tried = True  # once it is gone, "start" means an mpv of our own
                await player.attach(self.settings.mpv_socket)  # type: ignore[arg-type]
            else:
                source = self.video_source(lesson)
                if source is None:
                    if manual or self.settings.player == "mpv":
                        self.notify(
                            f"'{lesson.title}' has no video: add `video:` to its front matter, or a "
                            "local file for it under [videos] in the config file.",
                            severity="warning",
                        )
                    return
                if "://" not in source and not await asyncio.to_thread(Path(source).is_file):
                    self.notify(f"The video file {source} does not exist.", severity="error", timeout=15)
                    return
                stopwatch = self.clock
                await player.start(
                    source,
                    position=stopwatch.position,
                    paused=not stopwatch.playing,
                    extra_args=self.settings.mpv_args,
                    log_path=self.settings.mpv_log_path,
                )
        except MpvError as error:
            online = "" if attach or "://" not in (self.video_source(lesson) or "") else (
                " Online videos need yt-dlp installed (`pipx install yt-dlp`)."
            )
            self.notify(
                f"{error}{online} The lesson clock runs as a stopwatch.",
                title="Video player",
                severity="error",
                timeout=20,
            )
            return
        if self.lesson is not lesson:  # the learner moved on while mpv was loading
            await player.close()
            return
        self._hand_over(player, attach)

    def _hand_over(self, player: MpvPlayer, attached: bool) -> None:
        """mpv becomes the clock; a started mpv first catches up with what the stopwatch did meanwhile."""
        stopwatch = self.clock
        self._attached_from = stopwatch.position
        if not attached:
            if abs(player.position - stopwatch.position) > HANDOVER_TOLERANCE:
                player.seek(stopwatch.position)
            if player.playing != stopwatch.playing:
                player.toggle()
        self.clock = player
        self._after_clock_change()

    def hold_clock(self) -> None:
        """On quit: stop the clock where it is, but leave an mpv the learner started playing or paused."""
        clock = self.clock
        if not (isinstance(clock, MpvPlayer) and not clock.started_by_us):
            clock.pause()

    def close_player(self) -> None:
        """Quit the mpv we started (in the background); leave an attached one to the learner."""
        self.cancel_workers("player")
        clock = self.clock
        if isinstance(clock, MpvPlayer):
            self.clock = self._stopwatch_at(clock.position)
            self.run_worker(clock.close(), group="player-close", exit_on_error=False)

    async def shut_player(self) -> None:
        """On quit: no mpv that studytui started outlives it."""
        self.cancel_workers("player")
        await self.clock.close()

    def _player_stopped(self, message: PlayerStopped) -> None:
        player = message.player
        if player is not self.clock or not isinstance(player, MpvPlayer):
            return  # an older player, already replaced
        # An attached mpv that never moved while watched leaves the lesson where the stopwatch had it.
        position = player.position if player.position_reached else self._attached_from
        self.clock = self._stopwatch_at(position)
        self._after_clock_change()
        self.notify(
            f"{message.reason}. Nothing is lost: the lesson clock is paused at {format_clock(position)} "
            "and goes on as a stopwatch. ctrl+p 'Start the video player' starts it again there.",
            title="Video player",
            severity="warning",
            timeout=20,
        )

    def _stopwatch_at(self, position: float) -> Stopwatch:
        """The clock once mpv is gone: paused where the video was."""
        return Stopwatch(position, self.lesson.duration if self.lesson else None)
