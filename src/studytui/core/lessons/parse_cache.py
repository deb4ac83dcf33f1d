"""The lesson files parsed at the last launch, kept as JSON so the next launch need not parse them.

Parsing the bundled curriculum (49 files: YAML front matter, markdown, exercises) took 35-50 ms of
every launch, on the way to the first screen, and grows with the size of a lesson pack. The cache
holds each file's parse with the (mtime_ns, size) it was read at; ``load_library`` reuses the
entries whose file is unchanged, exactly as it does for a reload in a running app. A lesson that
names a transcript also records whether that file existed, since its parse warns when it does not.

The files sit in their own folder of the user's cache folder, one per lessons folder; a file not
written for STALE_AFTER_DAYS is removed when another is written. The file is data only (JSON,
never pickle), read back into the model's dataclasses field by field with their types checked.
Anything unexpected in it (another version of studytui or of the parser, a damaged or foreign
file, JSON nested too deeply) makes the whole cache count as absent: it only ever saves time.

The bundled curriculum ships with the same parses (`lesson-index.json` in its folder, written by
`scripts/lesson_index.py`), so a first launch parses nothing either: there each file is known by
the SHA-256 of its bytes and the parser by the bytes of its modules (an installed copy has other
paths and times), and its paths are relative to the folder. A file whose bytes differ is parsed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import time
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from studytui import __version__
from studytui.core.files import read_json, write_text_atomic
from studytui.core.lessons.model import BrokenLesson, CourseParse, Lesson, LessonLibrary
from studytui.core.transcripts import transcript_named_in

FORMAT = 1
BUNDLED_INDEX = "lesson-index.json"  # in the bundled curriculum's folder
STALE_AFTER_DAYS = 90  # a cache file beside it not written for this long is removed (its folder is gone, or unused)
_PARSER_SOURCES = Path(__file__).parent  # a change to the parser's code makes old entries stale


def parser_version() -> str:
    """studytui's version and the size and time of every module of this package."""
    parts = [__version__, str(FORMAT)]
    for source in sorted(_PARSER_SOURCES.glob("*.py")):
        status = source.stat()
        parts.append(f"{source.name}:{status.st_mtime_ns}:{status.st_size}")
    return "|".join(parts)


def parser_content_version() -> str:
    """The format and the SHA-256 of every module of this package: the same for every installed copy."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    for source in sorted(_PARSER_SOURCES.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def read_parse_cache(cache_file: Path, root: Path) -> LessonLibrary | None:
    """The library cached for `root`, to pass to ``load_library`` as `previous`; None if unusable."""
    try:
        data = read_json(cache_file, follow_links=True)
        if not isinstance(data, dict):
            return None
        if data.get("version") != parser_version() or data.get("root") != str(root):
            return None
        entries: list[tuple[Path, tuple[int, int], dict[str, Any]]] = []
        for entry in data["files"]:
            mtime_ns, size = entry["stamp"]
            if not isinstance(mtime_ns, int) or not isinstance(size, int):
                return None
            entries.append((Path(entry["path"]), (mtime_ns, size), entry))
        return _library(root, entries, None)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def read_bundled_index(root: Path) -> LessonLibrary | None:
    """The parses shipped with the bundled curriculum in `root`, for the files whose bytes are those
    parsed (stamped as they are now on disk); None without a usable index."""
    try:
        data = read_json(root / BUNDLED_INDEX)
        if not isinstance(data, dict) or data.get("version") != parser_content_version():
            return None
        entries: list[tuple[Path, tuple[int, int], dict[str, Any]]] = []
        for entry in data["files"]:
            path = root / entry["path"]
            with contextlib.suppress(OSError):
                content = path.read_bytes()
                if hashlib.sha256(content).hexdigest() == entry["sha256"]:
                    status = path.stat()
                    entries.append((path, (status.st_mtime_ns, status.st_size), entry))
        return _library(root, entries, root)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _library(
    root: Path, entries: list[tuple[Path, tuple[int, int], dict[str, Any]]], relative_to: Path | None
) -> LessonLibrary | None:
    """The entries read back (paths in them relative to `relative_to` when given); None when one is
    of a kind this version does not know."""
    stamps: dict[Path, tuple[int, int]] = {}
    lessons: list[Lesson] = []
    broken: list[BrokenLesson] = []
    courses: dict[Path, CourseParse] = {}
    for path, stamp, entry in entries:
        kind = entry["kind"]
        if kind == "lesson":
            lesson = _decode(Lesson, entry["parse"], relative_to)
            if lesson.transcript is not None and _transcript_exists(lesson) != entry.get("transcript_exists"):
                continue  # its "transcript does not exist" warning may have changed
            lessons.append(lesson)
        elif kind == "broken":
            broken.append(_decode(BrokenLesson, entry["parse"], relative_to))
        elif kind == "course":
            courses[path] = _decode(CourseParse, entry["parse"], relative_to)
        else:
            return None
        stamps[path] = stamp
    return LessonLibrary(root, tuple(lessons), tuple(broken), stamps=stamps, course_parses=courses)


def write_parse_cache(cache_file: Path, library: LessonLibrary) -> None:
    """Keep `library`'s parses for the next launch; a failure to write is ignored (it is a cache)."""
    files: list[dict[str, Any]] = []
    for lesson in library.lessons:  # a duplicate-id warning kept here is dropped by load_library on reuse
        entry = _entry(library, lesson.path, "lesson", lesson)
        if lesson.transcript is not None:
            entry["transcript_exists"] = _transcript_exists(lesson)
        files.append(entry)
    files += [_entry(library, item.path, "broken", item) for item in library.broken]
    files += [_entry(library, path, "course", read) for path, read in library.course_parses.items()]
    text = json.dumps({"version": parser_version(), "root": str(library.root), "files": files})
    try:
        write_text_atomic(cache_file, text, durable=False)
    except OSError:
        return
    _remove_stale_beside(cache_file)


def bundled_index_text(library: LessonLibrary) -> str:
    """The index shipped with the bundled curriculum (`library`, parsed afresh): what
    `read_bundled_index` reads, paths relative to the folder (scripts/lesson_index.py writes it)."""
    root = library.root
    files: list[dict[str, Any]] = []
    kinds: list[tuple[Path, str, object]] = [(lesson.path, "lesson", lesson) for lesson in library.lessons]
    kinds += [(item.path, "broken", item) for item in library.broken]
    kinds += [(path, "course", read) for path, read in library.course_parses.items()]
    for path, kind, parse in sorted(kinds, key=lambda item: str(item[0])):
        entry: dict[str, Any] = {
            "path": path.relative_to(root).as_posix(),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "kind": kind,
            "parse": _encode(parse, root),
        }
        if isinstance(parse, Lesson) and parse.transcript is not None:
            entry["transcript_exists"] = _transcript_exists(parse)
        files.append(entry)
    return json.dumps({"version": parser_content_version(), "files": files}, indent=1, ensure_ascii=False) + "\n"


def _remove_stale_beside(cache_file: Path) -> None:
    """One cache file per lessons folder ever opened: those not written for months go."""
    oldest = time.time() - STALE_AFTER_DAYS * 86400
    with contextlib.suppress(OSError):
        for other in cache_file.parent.glob("*.json"):
            with contextlib.suppress(OSError):
                if other != cache_file and other.stat().st_mtime < oldest:
                    other.unlink()


def _entry(library: LessonLibrary, path: Path, kind: str, parse: object) -> dict[str, Any]:
    return {"path": str(path), "stamp": list(library.stamps[path]), "kind": kind, "parse": _encode(parse)}


def _transcript_exists(lesson: Lesson) -> bool:
    return transcript_named_in(lesson.path, lesson.transcript or "").is_file()


def _encode(value: object, relative_to: Path | None = None) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _encode(getattr(value, field.name), relative_to)
                for field in dataclasses.fields(value) if field.init}
    if isinstance(value, (tuple, list)):
        return [_encode(item, relative_to) for item in value]
    if isinstance(value, Path):
        if relative_to is not None:
            return value.relative_to(relative_to).as_posix()  # ValueError: a path outside cannot be shipped
        return str(value)
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} in the lesson cache")


def _decode(hint: Any, value: Any, relative_to: Path | None = None) -> Any:
    """`value` (from JSON) as the type `hint`; TypeError when it is not one. Paths are relative to
    `relative_to` when given (never outside it)."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        for option in get_args(hint):
            if option is type(None):
                if value is None:
                    return None
                continue
            try:
                return _decode(option, value, relative_to)
            except TypeError:
                continue
        raise TypeError(f"{value!r} fits none of {hint}")
    if origin is tuple:
        item_type = get_args(hint)[0]
        if not isinstance(value, list):
            raise TypeError(f"expected a list, not {value!r}")
        return tuple(_decode(item_type, item, relative_to) for item in value)
    if hint is Path:
        if not isinstance(value, str):
            raise TypeError(f"expected a path, not {value!r}")
        if relative_to is None:
            return Path(value)
        if Path(value).is_absolute() or ".." in Path(value).parts:
            raise TypeError(f"expected a path inside the folder, not {value!r}")
        return relative_to / value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"expected a number, not {value!r}")
        return float(value)
    if hint in (str, int, bool):
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            raise TypeError(f"expected {hint.__name__}, not {value!r}")
        return value
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise TypeError(f"expected {hint.__name__}, not {value!r}")
        hints = _hints(hint)
        fields = [field for field in dataclasses.fields(hint) if field.init]
        if set(value) != {field.name for field in fields}:
            raise TypeError(f"{hint.__name__} has other fields than {sorted(value)}")
        return hint(**{field.name: _decode(hints[field.name], value[field.name], relative_to) for field in fields})
    raise TypeError(f"no way to read {hint} from the lesson cache")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)
