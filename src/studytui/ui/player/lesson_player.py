"""The lesson feature: the open lesson's clock, shown in the header and the outline, driven by the
clock keys, and the video player (mpv) as the clock when it is set up.

While mpv starts, the clock is a stopwatch; once mpv has loaded the video it takes over at the
stopwatch's position and state. If mpv quits or crashes the clock becomes a stopwatch again at the
last position, and the palette command "Start the video player" starts mpv there. mpv starts in a
worker on this widget, so it ends with the screen.
"""

from __future__ import annotations

import asyncio
import bisect
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.message import Message
from textual.widget import Widget

from studytui.config import Settings
from studytui.core.lessons import Lesson
from studytui.core.player import MpvError, MpvPlayer, Stopwatch, next_speed, resume_position
from studytui.core.timecode import format_clock
from studytui.ui.outline import Outline
from studytui.ui.session import StudySession
from studytui.ui.widgets.header import LessonHeader

CLOCK_TICK = 0.25  # seconds between header clock updates
SEEK_STEP = 5.0  # seconds for the seek keys
HANDOVER_TOLERANCE = 1.0  # seconds the stopwatch may differ from mpv before mpv is moved to it


@dataclass
class PlayerStopped(Message):
    """The video player quit or crashed; `reason` says which."""

    reason: str
    player: MpvPlayer  # the player that stopped (a newer one may have replaced it)


class LessonPlayer(Widget):
    """The lesson's clock (a stopwatch, or mpv) and what shows it: the header and the outline's chapter."""

    DEFAULT_CSS = "LessonPlayer { display: none; }"

    def __init__(self, settings: Settings, session: StudySession, header: LessonHeader, outline: Outline) -> None:
        super().__init__()
        self.settings = settings
        self.session = session
        self.header = header
        self.outline = outline
        self._attach_tried = False
        self._resume_checked: MpvPlayer | None = None  # the player whose start was checked against its length
        self.mpv: MpvPlayer | None = None  # the mpv that became the clock
        self._attached_from = 0.0  # the stopwatch's position when mpv took over

    def on_mount(self) -> None:
        session = self.session
        session.lesson_opened.subscribe(self, self.lesson_opened, immediate=True)
        session.lesson_refreshed.subscribe(self, self.lesson_refreshed, immediate=True)
        session.clock_changed.subscribe(self, lambda _clock: self.tick(), immediate=True)
        session.clock_moved.subscribe(self, lambda _position: self.tick(), immediate=True)
        self.set_interval(CLOCK_TICK, self.tick)

    # ----- the open lesson --------------------------------------------------------------------

    def lesson_opened(self, lesson: Lesson) -> None:
        if self.session.clock is not self.mpv:  # the session gave the lesson a stopwatch
            self.workers.cancel_group(self, "player")
            self.close_replaced()
            if self.wants_player():
                self.start_player(lesson)
        self.show_lesson(lesson)
        self.outline.show_lesson(lesson.id)
        self.tick()

    def lesson_refreshed(self, lesson: Lesson) -> None:
        """The lesson files were read again (the outline too): shown again at once."""
        self.show_lesson(lesson)
        self.tick()

    def show_lesson(self, lesson: Lesson) -> None:
        self.header.title = lesson.title
        self.header.duration = int(lesson.duration)
        self.header.no_video = not lesson.has_video

    def tick(self) -> None:
        session = self.session
        clock, lesson = session.clock, session.lesson
        position = clock.position
        video = isinstance(clock, MpvPlayer)
        end = session.known_duration()
        if not video and end is not None and clock.playing and position >= end:
            clock.pause()
            session.remember_position()
        self.header.position = int(position)
        self.header.playing = clock.playing
        self.header.speed = clock.speed
        self.header.video = video
        if lesson is None:
            return
        self.header.duration = int(end or lesson.duration)
        self.header.duration_approximate = end is None
        if isinstance(clock, MpvPlayer) and clock.chapters and not lesson.chapters:
            self.outline.show_video_chapters(lesson.id, clock.chapters)
        if isinstance(clock, MpvPlayer) and clock.duration and clock is not self._resume_checked:
            self._resume_checked = clock
            self.resume_within_video(lesson, clock)
        self.outline.mark_current_chapter(lesson.id, self.chapter_index_at(lesson, position))

    def resume_within_video(self, lesson: Lesson, player: MpvPlayer) -> None:
        """A remembered position past this video's end resumes at its last chapter instead."""
        starts = [start for start, _ in self.outline.chapter_list(lesson)]
        # An mpv we started was asked for the remembered position and stops at its own end: the
        # position to judge (and to name) is the one asked for, not where mpv stopped.
        position = self._attached_from if player.started_by_us else player.position
        start = resume_position(position, player.duration, starts)
        if start != position:
            player.seek(start)
            self.session.remember_position()
            self.notify(f"The remembered position {format_clock(position)} is past this video's end: "
                        f"resuming at {format_clock(start)}.", title="Video player")

    def chapter_index_at(self, lesson: Lesson, seconds: float) -> int | None:
        if lesson.chapters:
            return lesson.chapter_index_at(seconds)
        starts = [start for start, _ in self.outline.chapter_list(lesson)]  # the video's, in order
        index = bisect.bisect_right(starts, seconds)
        return index - 1 if index else None

    def go_to_chapter(self, lesson: Lesson, chapter_index: int) -> None:
        chapters = self.outline.chapter_list(lesson)
        if chapter_index < len(chapters):
            self.session.seek(chapters[chapter_index][0])

    # ----- the clock keys ---------------------------------------------------------------------

    def seek_by(self, seconds: float) -> None:
        self.session.clock.seek_by(seconds)
        self.session.clock_moved_here(save=False)

    def change_speed(self, faster: bool) -> None:
        clock = self.session.clock
        clock.set_speed(next_speed(clock.speed, faster=faster))
        self.session.clock_moved_here(save=False)

    # ----- the video player -------------------------------------------------------------------

    def wants_player(self) -> bool:
        return self.settings.player == "mpv" or self.settings.mpv_socket is not None

    def start_player_now(self) -> None:
        """The palette's "Start the video player"."""
        session = self.session
        if session.lesson is None:
            self.notify("Open a lesson first: pick one in the outline (f2).", severity="warning")
            return
        if isinstance(session.clock, MpvPlayer) and session.clock.connected:
            self.notify("The video player is already running.")
            return
        self.start_player(session.lesson, manual=True)

    @work(group="player", exclusive=True, exit_on_error=False)
    async def start_player(self, lesson: Lesson, manual: bool = False) -> None:
        def stopped(reason: str) -> None:  # called by mpv's watcher
            self.post_message(PlayerStopped(reason, player))

        player = MpvPlayer(on_exit=stopped)
        socket = self.settings.mpv_socket
        attach = socket is not None and not self._attach_tried
        try:
            if socket is not None and attach:
                self._attach_tried = True  # once it is gone, "start" means an mpv of our own
                await player.attach(socket)
            else:
                source = self.session.video_source(lesson)
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
                stopwatch = self.session.clock
                await player.start(
                    source,
                    position=stopwatch.position,
                    paused=not stopwatch.playing,
                    extra_args=self.settings.mpv_args,
                    log_path=self.settings.mpv_log_path,
                )
        except MpvError as error:
            online = "" if attach or "://" not in (self.session.video_source(lesson) or "") else (
                " Online videos need yt-dlp installed (`pipx install yt-dlp`)."
            )
            self.notify(
                f"{error}{online} The lesson clock runs as a stopwatch.",
                title="Video player",
                severity="error",
                timeout=20,
            )
            return
        if self.session.lesson is not lesson:  # the learner moved on while mpv was loading
            await player.close()
            return
        self.hand_over(player, attach)

    def hand_over(self, player: MpvPlayer, attached: bool) -> None:
        """mpv becomes the clock; a started mpv first catches up with what the stopwatch did meanwhile."""
        stopwatch = self.session.clock
        self._attached_from = stopwatch.position
        if not attached:
            if abs(player.position - stopwatch.position) > HANDOVER_TOLERANCE:
                player.seek(stopwatch.position)
            if player.playing != stopwatch.playing:
                player.toggle()
        self.mpv = player
        self.session.set_clock(player)

    def close_replaced(self) -> None:
        """Quit the mpv we started once it is no longer the clock (in the background); an attached
        one stays with the learner (the session keeps it as the clock)."""
        if self.mpv is not None and self.mpv is not self.session.clock:
            previous, self.mpv = self.mpv, None
            self.run_worker(previous.close(), group="player-close", exit_on_error=False)

    async def shut_player(self) -> None:
        """On quit: no mpv that studytui started outlives it."""
        self.workers.cancel_group(self, "player")
        await self.session.clock.close()

    @on(PlayerStopped)
    def player_stopped(self, message: PlayerStopped) -> None:
        player = message.player
        if player is not self.session.clock:
            return  # an older player, already replaced
        # An attached mpv that never moved while watched leaves the lesson where the stopwatch had it.
        position = player.position if player.position_reached else self._attached_from
        self.mpv = None
        self.session.set_clock(self.stopwatch_at(position))
        self.notify(
            f"{message.reason}. Nothing is lost: the lesson clock is paused at {format_clock(position)} "
            "and goes on as a stopwatch. ctrl+p 'Start the video player' starts it again there.",
            title="Video player",
            severity="warning",
            timeout=20,
        )

    def stopwatch_at(self, position: float) -> Stopwatch:
        """The clock once mpv is gone: paused where the video was."""
        lesson = self.session.lesson
        return Stopwatch(position, lesson.duration if lesson else None)

