"""A course from the web, read with yt-dlp's Python API: metadata only, never the video.

A playlist is first read flat (its title, channel and the list of its videos, one request), then
each video is processed on its own (its page: duration, chapters, captions), so a long playlist
shows progress and a stop keeps the videos already read. A saved info JSON (`yt-dlp -J URL`) goes
through the same processing offline.

yt-dlp runs isolated: the Python API reads no configuration file, plugins are switched off before
it is first used, nothing is downloaded but captions (when asked), and every file it writes has an
absolute path in the learner's transcripts folder.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from studytui.core.courses.model import CourseSource, CourseSourceError, VideoChapter, VideoEntry
from studytui.core.courses.slugs import one_line
from studytui.core.files import loads_json, read_regular_text

CAPTION_FIELD = "studytui_lesson"  # the lesson id, put in the info for yt-dlp's output template
# What a processed video holds of its media: never used here (see _VideoReader._read).
_FORMAT_FIELDS = frozenset({"formats", "requested_formats", "requested_downloads", "format_id", "url"})


class _QuietLogger:
    """yt-dlp's messages, kept instead of printed: the last error says why a video was skipped."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def debug(self, message: str) -> None:
        pass

    def info(self, message: str) -> None:
        pass

    def warning(self, message: str) -> None:
        pass

    def error(self, message: str) -> None:
        self.errors.append(one_line(message.removeprefix("ERROR: "), 300))


def yt_dlp_options(language: str, captions_dir: Path | None, logger: _QuietLogger) -> dict[str, Any]:
    """Metadata only; captions (manual first, then automatic) in `language`, written to `captions_dir`."""
    options: dict[str, Any] = {
        "quiet": True,
        "no_warnings": True,
        "noprogress": True,
        "logger": logger,
        "skip_download": True,
        "extract_flat": "in_playlist",
        "ignoreerrors": False,
        "color": {"stdout": "no_color", "stderr": "no_color"},
        "writesubtitles": captions_dir is not None,
        "writeautomaticsub": captions_dir is not None,
        "subtitleslangs": [language],
        "subtitlesformat": "vtt/srt/best",
        "overwrites": True,
        "ignore_no_formats_error": True,  # metadata is all we read: see _VideoReader._read
    }
    if captions_dir is not None:
        options["outtmpl"] = {"default": str(captions_dir.resolve() / f"%({CAPTION_FIELD})s.%(ext)s")}
    return options


def _isolated_yt_dlp() -> Any:
    """The yt_dlp module, with its plugin folders switched off (as `--no-plugin-dirs`)."""
    try:
        import yt_dlp
        from yt_dlp.globals import plugin_dirs
    except ImportError as error:
        raise CourseSourceError(
            f"yt-dlp is not installed ({error}): `pip install --upgrade studytui` brings it, or `pip install yt-dlp`"
        ) from None
    plugin_dirs.value = []
    return yt_dlp


def read_online(url: str, language: str = "en", captions_dir: Path | None = None) -> CourseSource:
    """The course at `url` (a playlist, a video, any page yt-dlp reads); its videos read lazily."""
    yt_dlp = _isolated_yt_dlp()
    logger = _QuietLogger()
    ydl = yt_dlp.YoutubeDL(yt_dlp_options(language, captions_dir, logger))
    try:
        info = ydl.extract_info(url, download=False, process=False)
    except yt_dlp.utils.YoutubeDLError as error:
        ydl.close()
        raise CourseSourceError(logger.errors[-1] if logger.errors else one_line(str(error), 300)) from None
    return _course(ydl, info, logger, url)


def read_info_json(path: Path, language: str = "en", captions_dir: Path | None = None) -> CourseSource:
    """The course in an info JSON saved by `yt-dlp -J URL` (or `--write-info-json`): no network."""
    try:
        info = loads_json(read_regular_text(path))  # never a FIFO or a device: the add would wait forever
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise CourseSourceError(f"{path}: not a yt-dlp info JSON ({error})") from None
    if not isinstance(info, dict):
        raise CourseSourceError(f"{path}: not a yt-dlp info JSON (no mapping at the top)")
    yt_dlp = _isolated_yt_dlp()
    logger = _QuietLogger()
    ydl = yt_dlp.YoutubeDL(yt_dlp_options(language, captions_dir, logger))
    return _course(ydl, info, logger, _text(info.get("webpage_url")) or str(path))


def _course(ydl: Any, info: Mapping[str, Any], logger: _QuietLogger, asked: str) -> CourseSource:
    link = _text(info.get("webpage_url")) or asked
    channel = _text(info.get("channel") or info.get("uploader") or info.get("playlist_uploader"))
    title = _text(info.get("title")) or link
    reader = _VideoReader(ydl, logger, keep=bool(ydl.params.get("writesubtitles")))
    if info.get("_type") in ("playlist", "multi_video"):
        entries = info.get("entries") or []
        count = info.get("playlist_count") if isinstance(info.get("playlist_count"), int) else None
        if isinstance(entries, list):
            count = len(entries)
    else:
        entries, count = [info], 1
    return CourseSource("online", link, title, channel, reader.videos(entries), count, reader.write_captions,
                        reader.skipped, reader.unread)


class _VideoReader:
    """Processes a course's entries one at a time, and writes a video's captions once it has a lesson."""

    def __init__(self, ydl: Any, logger: _QuietLogger, keep: bool) -> None:
        self.ydl = ydl
        self.keep = keep  # the processed info is kept until its captions are written
        self.logger = logger
        self.skipped: list[str] = []
        self.unread: set[str] = set()
        self.processed: dict[str, dict[str, Any]] = {}  # video key -> its processed info, for its captions

    def videos(self, entries: Any) -> Iterator[VideoEntry]:
        try:
            for position, raw in enumerate(entries, start=1):
                if isinstance(raw, Mapping):
                    yield from self._read(raw, position)
        finally:
            self.ydl.close()

    def _read(self, raw: Mapping[str, Any], position: int) -> Iterator[VideoEntry]:
        # A video's formats (a saved info JSON has them) are never used: processing them (sorting, and
        # the formats table yt-dlp renders for every video) took 60% of adding a 200-video playlist.
        # A link to a video (`_type: url`, as in an online playlist) keeps its url: it is what is read next.
        is_video = raw.get("_type", "video") == "video"
        metadata = {key: value for key, value in raw.items() if not (is_video and key in _FORMAT_FIELDS)}
        try:
            info = self.ydl.process_ie_result(metadata, download=False)
        except Exception as error:  # yt-dlp raises its own errors and plain ones: one video skipped, said why
            why = self.logger.errors[-1] if self.logger.errors else one_line(str(error), 300)
            self.skipped.append(f"{one_line(raw.get('title') or raw.get('url') or raw.get('id') or '?')}: {why}")
            self.unread.add(video_key(raw))
            return
        nested = info.get("entries") if info.get("_type") in ("playlist", "multi_video") else None
        for video in [info] if nested is None else nested:
            if isinstance(video, Mapping):
                entry = replace(video_entry(video), position=position if nested is None else 0)
                if self.keep:
                    self.processed[entry.key] = dict(video)
                yield entry

    def write_captions(self, entry: VideoEntry, lesson_id: str) -> tuple[Path, ...]:
        """The video's chosen captions, written by yt-dlp itself and named after the lesson."""
        info = self.processed.pop(entry.key, None)
        if info is None or not info.get("requested_subtitles"):
            return ()
        info = {**info, CAPTION_FIELD: lesson_id}
        try:
            self.ydl.process_info(info)
        except Exception as error:  # one caption file that failed: said, the course goes on
            why = self.logger.errors[-1] if self.logger.errors else one_line(str(error), 300)
            raise CourseSourceError(why) from None
        written = []
        for subtitle in (info.get("requested_subtitles") or {}).values():
            path = subtitle.get("filepath") if isinstance(subtitle, Mapping) else None
            if isinstance(path, str) and Path(path).is_file():
                written.append(Path(path))
        return tuple(written)


def video_key(info: Mapping[str, Any]) -> str:
    """What identifies a video across runs: its extractor and id (`Youtube:VMj-3S1tku0`), as a playlist's
    link to it (`ie_key`) and its processed info (`extractor_key`) both say."""
    extractor = _text(info.get("extractor_key")) or _text(info.get("ie_key")) or "video"
    return f"{extractor}:{_text(info.get('id')) or _text(info.get('webpage_url')) or _text(info.get('url'))}"


def video_entry(info: Mapping[str, Any]) -> VideoEntry:
    """One processed yt-dlp video info as a course video."""
    key = video_key(info)
    url = _text(info.get("webpage_url") or info.get("original_url") or info.get("url"))
    duration = info.get("duration")
    chapters = []
    for chapter in info.get("chapters") or ():
        if isinstance(chapter, Mapping) and isinstance(chapter.get("start_time"), (int, float)):
            chapters.append(VideoChapter(float(chapter["start_time"]), _text(chapter.get("title"))))
    return VideoEntry(
        key=key,
        title=_text(info.get("title")) or url,
        video=url,
        duration=float(duration) if isinstance(duration, (int, float)) and not isinstance(duration, bool) else None,
        chapters=tuple(chapters),
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
