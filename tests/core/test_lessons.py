"""Lesson parser, validator and the bundled curriculum (headless: no Textual)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytui.core.lessons import (
    BrokenLesson,
    LessonError,
    LessonProblem,
    check_lessons,
    load_library,
    parse_lesson,
    parse_lesson_text,
)

BUNDLED = Path(__file__).parents[2] / "lessons"

GOOD = """\
---
id: demo-1
title: Demo lesson
course: Demo course
order: 2
video: https://www.youtube.com/watch?v=VMj-3S1tku0
duration: "1:00:00"
---

Build a tiny thing.

## 00:00:00 Intro

Why we are here.

### Try this

Not a chapter: no time.

## 00:19:09 The Value object

A number that remembers its parents.

```python
## 00:30:00 inside a fence
```

## 45:00 - Wrap-up
Done.
"""


def lesson_text(front: str, body: str = "") -> str:
    return f"---\n{textwrap.dedent(front).strip()}\n---\n{textwrap.dedent(body)}"


def problems_of(text: str) -> tuple[LessonProblem, ...]:
    with pytest.raises(LessonError) as caught:
        parse_lesson_text(text, Path("x.md"))
    assert caught.value.problems, "a LessonError must carry at least one problem"
    return caught.value.problems


REQUIRED = """\
title: T
course: C
duration: "10:00"
"""


# --------------------------------------------------------------------------- good file


def test_good_file_metadata() -> None:
    lesson = parse_lesson_text(GOOD, Path("demo.md"))
    assert lesson.id == "demo-1"
    assert lesson.title == "Demo lesson"
    assert lesson.course == "Demo course"
    assert lesson.order == 2
    assert lesson.duration == 3600.0
    assert lesson.video == "https://www.youtube.com/watch?v=VMj-3S1tku0"
    assert lesson.intro == "Build a tiny thing."
    assert lesson.warnings == ()


def test_good_file_chapters_lines_and_summaries() -> None:
    lesson = parse_lesson_text(GOOD, Path("demo.md"))
    assert [(c.start, c.title, c.line) for c in lesson.chapters] == [
        (0.0, "Intro", 12),
        (1149.0, "The Value object", 20),
        (2700.0, "Wrap-up", 28),
    ]
    # line numbers are file lines (front matter included)
    lines = GOOD.splitlines()
    for chapter in lesson.chapters:
        assert lines[chapter.line - 1].startswith("## ")
    intro, value, wrap = lesson.chapters
    assert intro.summary == "Why we are here.\n\n### Try this\n\nNot a chapter: no time."
    assert value.summary.startswith("A number that remembers its parents.")
    assert "## 00:30:00 inside a fence" in value.summary  # the fence stays text of its chapter
    assert value.summary.endswith("```")
    assert wrap.summary == "Done."


def test_id_defaults_to_file_stem_and_order_to_zero() -> None:
    lesson = parse_lesson_text(lesson_text(REQUIRED, "## 0:30 a\n"), Path("dir/my-lesson.md"))
    assert lesson.id == "my-lesson"
    assert lesson.order == 0
    assert lesson.video is None
    assert lesson.chapters[0].start == 30.0


def test_duration_forms() -> None:
    def duration(value: str) -> float:
        return parse_lesson_text(lesson_text(f"title: T\ncourse: C\nduration: {value}"), Path("x.md")).duration

    assert duration('"2:25:52"') == 8752.0
    assert duration('"56:21"') == 3381.0
    assert duration("00:56:21") == 3381.0  # unquoted with a leading zero stays a string in YAML
    assert duration("1:55:24") == 6924.0  # unquoted: YAML reads base 60, still seconds
    assert duration("900") == 900.0


def test_heading_markup_and_other_levels() -> None:
    body = "## **00:10** The `Value` *class*\n\n#### 1:02 | Deep heading\n"
    lesson = parse_lesson_text(lesson_text(REQUIRED, body), Path("x.md"))
    assert [(c.start, c.title) for c in lesson.chapters] == [(10.0, "The Value class"), (62.0, "Deep heading")]


def test_unusual_line_separators_keep_line_numbers() -> None:
    body = "\nIntro with a form feed \x0c and a line separator \u2028 inside.\n\n## 00:10 One\nText \u2028 more\n"
    lesson = parse_lesson_text(lesson_text(REQUIRED, body), Path("x.md"))
    assert [(c.line, c.summary) for c in lesson.chapters] == [(9, "Text \u2028 more")]


def test_bom_and_crlf_are_accepted() -> None:
    text = "\ufeff" + lesson_text(REQUIRED, "\n## 00:10 One\nText\n").replace("\n", "\r\n")
    lesson = parse_lesson_text(text, Path("x.md"))
    assert [(c.title, c.line, c.summary) for c in lesson.chapters] == [("One", 7, "Text")]


# --------------------------------------------------------------------------- chapter_at, links


def test_chapter_at() -> None:
    lesson = parse_lesson_text(GOOD, Path("demo.md"))
    assert lesson.chapter_at(0) is lesson.chapters[0]
    assert lesson.chapter_at(1149.0 - 0.5) is lesson.chapters[0]
    assert lesson.chapter_at(1149.0) is lesson.chapters[1]
    assert lesson.chapter_at(2699.9) is lesson.chapters[1]
    assert lesson.chapter_at(99999) is lesson.chapters[2]
    assert lesson.chapter_index_at(1500) == 1


def test_chapter_at_before_first_chapter_and_without_chapters() -> None:
    lesson = parse_lesson_text(lesson_text(REQUIRED, "## 01:00 Late start\n"), Path("x.md"))
    assert lesson.chapter_at(59.9) is None
    assert lesson.chapter_index_at(10) is None
    assert lesson.chapter_at(60) is lesson.chapters[0]
    empty = parse_lesson_text(lesson_text(REQUIRED, "no chapters\n"), Path("x.md"))
    assert empty.chapters == () and empty.chapter_at(100) is None


def test_chapter_at_with_times_out_of_order() -> None:
    body = "## 00:00 A\n## 05:00 B\n## 02:00 C\n"
    lesson = parse_lesson_text(lesson_text(REQUIRED, body), Path("x.md"))
    assert lesson.chapter_at(150).title == "C"
    assert lesson.chapter_at(400).title == "B"


@pytest.mark.parametrize(
    "video",
    [
        "https://www.youtube.com/watch?v=VMj-3S1tku0",
        "https://youtube.com/watch?list=PLAqhIrjkxbuWI23v9cThsA9GvCAUhRvKZ&v=VMj-3S1tku0",
        "https://youtu.be/VMj-3S1tku0",
        "https://youtu.be/VMj-3S1tku0?t=30",
        "https://www.youtube.com/embed/VMj-3S1tku0",
    ],
)
def test_youtube_links(video: str) -> None:
    lesson = parse_lesson_text(lesson_text(REQUIRED + f"video: {video}"), Path("x.md"))
    assert lesson.youtube_id == "VMj-3S1tku0"
    assert lesson.video_link(1149.7) == "https://youtu.be/VMj-3S1tku0?t=1149"


@pytest.mark.parametrize("video", ["videos/micrograd.mp4", "https://vimeo.com/12345", "https://example.com/watch?v=VMj-3S1tku0"])
def test_non_youtube_video_has_no_link(video: str) -> None:
    lesson = parse_lesson_text(lesson_text(REQUIRED + f"video: {video}"), Path("x.md"))
    assert lesson.video == video
    assert lesson.youtube_id is None
    assert lesson.video_link(10) is None


# --------------------------------------------------------------------------- fatal problems


def test_no_front_matter() -> None:
    (problem,) = problems_of("# Just notes\n\n## 00:10 x\n")
    assert problem.line == 1
    assert "front matter" in problem.message


def test_unclosed_front_matter() -> None:
    (problem,) = problems_of("---\ntitle: T\ncourse: C\n")
    assert problem.line == 1
    assert "not closed" in problem.message


def test_bad_yaml_reports_file_line() -> None:
    text = "---\ntitle: T\ncourse: C\n  nested: oops\nduration: 1:00\n---\n"
    (problem,) = problems_of(text)
    assert problem.line == 4
    assert "YAML" in problem.message


def test_bad_yaml_unterminated_quote_points_at_its_start() -> None:
    # the string runs to the end of the front matter; the error is where it was opened
    text = '---\ntitle: T\ncourse: "C\nduration: 60\norder: 1\n---\n'
    problems = problems_of(text)
    assert [p.line for p in problems] == [3]


def test_front_matter_not_a_mapping() -> None:
    (problem,) = problems_of("---\n- a\n- b\n---\n")
    assert problem.line == 2
    assert "mapping" in problem.message


def test_missing_title() -> None:
    (problem,) = problems_of(lesson_text('course: C\nduration: "1:00"'))
    assert problem.message == "missing required key 'title'"
    assert problem.line == 1


def test_all_fatal_problems_are_reported_together() -> None:
    text = lesson_text('title: T\nduration: "later"', "\n## 00:61:00 Bad\n## 1:2:3 Worse\n## 00:10 Fine\n")
    problems = problems_of(text)
    assert [(p.line, p.message.split()[0]) for p in problems] == [
        (1, "missing"),  # course
        (3, "duration"),
        (6, "bad"),
        (7, "bad"),
    ]
    assert "'00:61:00'" in problems[2].message


def test_bad_chapter_time_reports_its_line() -> None:
    text = lesson_text(REQUIRED, "\nIntro\n\n## 00:10 ok\n\ntext\n\n## 00:61:00 Broken\n")
    (problem,) = problems_of(text)
    assert problem.line == 13
    assert text.splitlines()[12] == "## 00:61:00 Broken"


def test_fence_line_is_not_a_chapter() -> None:
    body = "\n```\n## 00:61:00 would be fatal if it were a heading\n## 00:10 x\n```\n~~~\n## 99:99 y\n~~~\n"
    lesson = parse_lesson_text(lesson_text(REQUIRED, body), Path("x.md"))
    assert lesson.chapters == ()
    assert "## 00:10 x" in lesson.intro


def test_heading_inside_quote_or_list_is_not_a_chapter() -> None:
    body = "\n> ## 00:10 quoted\n\n- ## 00:20 listed\n\n## 00:30 Real\n"
    lesson = parse_lesson_text(lesson_text(REQUIRED, body), Path("x.md"))
    assert [c.title for c in lesson.chapters] == ["Real"]
    assert "> ## 00:10 quoted" in lesson.intro


def test_parse_lesson_rejects_undecodable_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.md"
    bad.write_bytes(lesson_text(REQUIRED).encode() + b"caf\xe9\n")
    with pytest.raises(LessonError) as caught:
        parse_lesson(bad)
    assert caught.value.problems[0].line == 1
    assert "UTF-8" in caught.value.problems[0].message
    with pytest.raises(LessonError):
        parse_lesson(tmp_path / "missing.md")


@pytest.mark.parametrize(
    "text",
    ["", "---\n---\n", "---\n[\n---\n", "---\ntitle: [1]\ncourse: {}\nduration: []\norder: x\nvideo: 3\n---\n", "\x00\x01"],
)
def test_odd_input_raises_only_lesson_error(text: str) -> None:
    with pytest.raises(LessonError):
        parse_lesson_text(text, Path("x.md"))


# --------------------------------------------------------------------------- warnings


def test_warning_times_out_of_order_and_duplicate() -> None:
    body = "## 00:00 A\n## 05:00 B\n## 02:00 C\n## 02:00 D\n"
    lesson = parse_lesson_text(lesson_text(REQUIRED, body), Path("x.md"))
    assert [(w.line, w.message.split(" ")[-1]) for w in lesson.warnings] == [(8, "7)"), (9, "8")]
    assert "before the previous chapter" in lesson.warnings[0].message
    assert "repeats" in lesson.warnings[1].message
    assert len(lesson.chapters) == 4


def test_warning_chapter_at_or_past_duration() -> None:
    body = "## 00:00 A\n## 09:59 B\n## 10:00 C\n"
    lesson = parse_lesson_text(lesson_text(REQUIRED, body), Path("x.md"))
    assert [w.line for w in lesson.warnings] == [8]
    assert "after the end of the video" in lesson.warnings[0].message


def test_warning_unknown_key() -> None:
    lesson = parse_lesson_text(lesson_text(REQUIRED + "speaker: someone\nresources: []"), Path("x.md"))
    assert [(w.line, w.message) for w in lesson.warnings] == [(5, "unknown key 'speaker'")]


def test_warning_h1_with_time_is_not_a_chapter() -> None:
    lesson = parse_lesson_text(lesson_text(REQUIRED, "# 00:10 Top\n## 00:20 Real\n"), Path("x.md"))
    assert [c.title for c in lesson.chapters] == ["Real"]
    assert [w.line for w in lesson.warnings] == [6]


# --------------------------------------------------------------------------- folders


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_load_library_keeps_good_lessons_and_lists_broken(tmp_path: Path) -> None:
    write(tmp_path / "b-course" / "02-two.md", lesson_text("title: Two\ncourse: B\nduration: 60\norder: 2"))
    write(tmp_path / "b-course" / "01-one.md", lesson_text("title: One\ncourse: B\nduration: 60\norder: 1"))
    write(tmp_path / "a-course" / "x.md", lesson_text("title: X\ncourse: A\nduration: 60"))
    write(tmp_path / "a-course" / "broken.md", "no front matter here\n")
    write(tmp_path / "README.md", "not a lesson\n")
    write(tmp_path / "b-course" / "course.md", "not a lesson either\n")

    library = load_library(tmp_path)

    assert sorted(lesson.title for lesson in library.lessons) == ["One", "Two", "X"]
    (broken,) = library.broken
    assert isinstance(broken, BrokenLesson)
    assert broken.path == tmp_path / "a-course" / "broken.md"
    assert broken.title == "broken.md"
    assert broken.problems[0].line == 1
    courses = library.courses()
    assert [course.title for course in courses] == ["A", "B"]
    assert [lesson.title for lesson in courses[1].lessons] == ["One", "Two"]
    assert library.find("01-one") is courses[1].lessons[0]
    assert library.find("nope") is None


def test_courses_order_by_first_lesson_path(tmp_path: Path) -> None:
    write(tmp_path / "1" / "z.md", lesson_text("title: Z\ncourse: Zebra\nduration: 60\norder: 5"))
    write(tmp_path / "2" / "a.md", lesson_text("title: A\ncourse: Aardvark\nduration: 60"))
    write(tmp_path / "3" / "b.md", lesson_text("title: B\ncourse: Zebra\nduration: 60\norder: 1"))
    courses = load_library(tmp_path).courses()
    assert [c.title for c in courses] == ["Zebra", "Aardvark"]
    assert [lesson.title for lesson in courses[0].lessons] == ["B", "Z"]


def test_load_library_of_missing_folder_is_empty(tmp_path: Path) -> None:
    library = load_library(tmp_path / "nowhere")
    assert library.lessons == () and library.broken == () and library.courses() == ()


def test_duplicate_ids_warn(tmp_path: Path) -> None:
    write(tmp_path / "a.md", lesson_text("id: same\ntitle: A\ncourse: C\nduration: 60"))
    write(tmp_path / "b.md", lesson_text("id: same\ntitle: B\ncourse: C\nduration: 60"))
    library = load_library(tmp_path)
    assert library.find("same").title == "A"
    assert [str(p) for p in check_lessons(tmp_path)] == [f"{tmp_path / 'b.md'}:1: lesson id 'same' is already used by a.md"]


def test_check_lessons_output_form_and_order(tmp_path: Path) -> None:
    write(tmp_path / "b.md", lesson_text("title: B\ncourse: C\nduration: 60\nextra: 1", "## 00:10 x\n## 02:00 late\n"))
    write(tmp_path / "a.md", "---\ntitle: A\ncourse: C\n  bad: indent\n---\n")
    write(tmp_path / "ok.md", lesson_text("title: Ok\ncourse: C\nduration: 60", "## 00:10 fine\n"))

    lines = [str(problem) for problem in check_lessons(tmp_path)]

    assert lines == [
        f"{tmp_path / 'a.md'}:4: front matter is not valid YAML: mapping values are not allowed here",
        f"{tmp_path / 'b.md'}:5: unknown key 'extra'",
        f"{tmp_path / 'b.md'}:8: chapter starts at 02:00, at or after the end of the video (01:00)",
    ]


def test_check_lessons_clean_folder_is_empty(tmp_path: Path) -> None:
    write(tmp_path / "ok.md", lesson_text("title: Ok\ncourse: C\nduration: 60", "## 00:10 fine\n"))
    assert check_lessons(tmp_path) == []


# --------------------------------------------------------------------------- performance, isolation


def test_large_lesson_keeps_every_chapter() -> None:
    # Parse speed is measured in bench/bench_lessons.py, not asserted here.
    parts = [lesson_text('title: Big\ncourse: C\nduration: "10:00:00"')]
    for minute in range(400):  # 400 chapters x 5 lines = 2,000 lines
        parts.append(f"## {minute // 60}:{minute % 60:02d}:00 Chapter {minute}\n\nSome *text* here.\n- a point\n- another\n")
    lesson = parse_lesson_text("".join(parts), Path("big.md"))
    assert len(lesson.chapters) == 400
    assert lesson.chapters[-1].title == "Chapter 399" and lesson.chapters[-1].start == 399 * 60


# --------------------------------------------------------------------------- bundled curriculum


def test_bundled_lessons_load_without_problems() -> None:
    assert BUNDLED.is_dir()
    assert [str(problem) for problem in check_lessons(BUNDLED)] == []
    library = load_library(BUNDLED)
    assert library.broken == ()
    assert len(library.lessons) >= 3
    for lesson in library.lessons:
        assert lesson.intro, f"{lesson.path} has no intro"
        assert all(chapter.summary for chapter in lesson.chapters), f"{lesson.path} has an empty chapter"
        assert not lesson.chapters or lesson.chapters[0].start == 0.0
        assert lesson.youtube_id is not None or not lesson.has_video  # Python basics: exercises only
        if lesson.duration_approximate:
            assert "approximate" in lesson.intro or "not verified" in lesson.intro, f"{lesson.path} must say so"
        for chapter in lesson.chapters:
            assert "```python check" not in chapter.summary, "checks are hidden from the outline"


def test_bundled_courses_and_their_order() -> None:
    courses = load_library(BUNDLED).courses()
    # Zero to Hero first: the very first run opens micrograd; its prerequisites follow, Python first.
    assert [course.id for course in courses] == [
        "zero-to-hero", "python-basics", "essence-of-linear-algebra", "essence-of-calculus", "3b1b-neural-networks",
    ]
    assert courses[0].lessons[0].id == "zth-01-micrograd"
    assert all(course.description for course in courses)
    assert courses[0].prerequisites == ("python-basics", "3b1b-neural-networks")
    assert [lesson.id for lesson in courses[4].lessons][:4] == [
        "nn3b-01-what-is-a-neural-network", "nn3b-02-gradient-descent",
        "nn3b-03-backpropagation-intuition", "nn3b-04-backpropagation-calculus",
    ]
    assert len(courses[2].lessons) == 16 and len(courses[3].lessons) == 13


def test_bundled_zero_to_hero_course() -> None:
    (course,) = [c for c in load_library(BUNDLED).courses() if c.title == "Neural Networks: Zero to Hero"]
    assert [lesson.order for lesson in course.lessons] == list(range(1, 10))
    assert len({lesson.id for lesson in course.lessons}) == 9
    micrograd = course.lessons[0]
    assert micrograd.id == "zth-01-micrograd"
    assert micrograd.duration == 2 * 3600 + 25 * 60 + 52
    assert micrograd.chapter_at(19 * 60 + 9).title.startswith("The core Value object")
    assert micrograd.video_link(1149) == "https://youtu.be/VMj-3S1tku0?t=1149"
    gpt = next(lesson for lesson in course.lessons if lesson.id == "zth-07-gpt")
    assert "future" in gpt.chapter_at(57 * 60).summary  # correction from the video description
    assert "head_size" in gpt.chapter_at(80 * 60 + 5).summary


# --------------------------------------------------------------------------- exercises

EXERCISE_LESSON = """\
---
title: T
course: C
duration: "~10:00"
---
Intro text.

::: exercise warm-up Before any chapter
Say hello.

```python check
assert True
```
:::

## 00:00 First

Chapter text.

::: exercise add-one Add one
Write `add_one(x)`.

> hint: Return `x + 1`.
> Really.

> hint: Second hint.

> A plain quote stays in the task.

```python starter
def add_one(x):
    ...
```

```python check requires=torch,scipy
assert add_one(1) == 2, "add_one(1) should be 2"
```
:::

More chapter text.
"""


def test_exercises_parsed_with_hints_starter_check_and_chapter() -> None:
    lesson = parse_lesson_text(EXERCISE_LESSON, Path("x.md"))
    warm, add = lesson.exercises
    assert (warm.id, warm.title, warm.chapter_index, warm.line) == ("warm-up", "Before any chapter", None, 8)
    assert (add.id, add.title, add.chapter_index, add.line) == ("add-one", "Add one", 0, 20)
    assert add.hints == ("Return `x + 1`.\nReally.", "Second hint.")
    assert add.starter == "def add_one(x):\n    ...\n"
    assert add.check == 'assert add_one(1) == 2, "add_one(1) should be 2"\n'
    assert add.requires == ("torch", "scipy")
    assert add.task == "Write `add_one(x)`.\n\n\n\n> A plain quote stays in the task." or (
        "Write `add_one(x)`." in add.task and "A plain quote" in add.task and "hint" not in add.task
    )
    assert "add_one(1)" not in lesson.chapters[0].summary, "checks never reach the outline text"
    assert lesson.chapters[0].summary.startswith("Chapter text.") and "More chapter text." in lesson.chapters[0].summary
    assert lesson.intro == "Intro text."
    assert lesson.duration_approximate and lesson.duration == 600
    assert lesson.exercises_in(0) == (add,) and lesson.exercise("warm-up") is warm


def _problems(text: str) -> list[tuple[int, str]]:
    try:
        lesson = parse_lesson_text(text, Path("x.md"))
    except LessonError as error:
        return [(p.line, p.message) for p in error.problems]
    return [(p.line, p.message) for p in lesson.warnings]


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("::: exercise open\ntext\n", 6, "not closed"),
        ("::: exercise\n```python check\nassert 1\n```\n:::\n", 6, "has no id"),
        ("::: exercise bad/id\n```python check\nassert 1\n```\n:::\n", 6, "may hold only"),
        ("::: exercise a\n::: exercise b\n:::\n:::\n", 7, "inside another exercise"),
        ("text\n\n:::\n", 8, "no open exercise"),
        ("::: exersice a\n:::\n", 6, "unknown container 'exersice'"),
        ("::: exercise a\nno check here\n:::\n", 6, "has no check"),
        ("```python check\nassert 1\n```\n", 6, "outside an exercise"),
        (
            "::: exercise a\n```python check\nassert 1\n```\n:::\n::: exercise a\n```python check\nassert 1\n```\n:::\n",
            11, "already used on line 6",
        ),
    ],
)
def test_broken_exercises_are_located(body: str, line: int, fragment: str) -> None:
    found = _problems(lesson_text(REQUIRED, body))
    assert any(l == line and fragment in m for l, m in found), found


def test_approximate_duration_and_lists() -> None:
    text = lesson_text(REQUIRED.replace('"10:00"', '"~1:15:00"') + "prerequisites: [a, b]\nresources: https://x.org\n")
    lesson = parse_lesson_text(text, Path("x.md"))
    assert lesson.duration == 4500 and lesson.duration_approximate
    assert lesson.prerequisites == ("a", "b") and lesson.resources == ("https://x.org",)
    assert not parse_lesson_text(lesson_text(REQUIRED), Path("x.md")).duration_approximate


# --------------------------------------------------------------------------- courses


def _course_folder(tmp_path: Path, course_md: str) -> Path:
    folder = tmp_path / "lessons" / "c1"
    folder.mkdir(parents=True)
    (folder / "course.md").write_text(course_md, encoding="utf-8")
    for number, lesson_id in ((1, "one"), (2, "two")):
        (folder / f"{number}.md").write_text(
            lesson_text(f"id: {lesson_id}\ntitle: L{number}\ncourse: My course\nduration: 60\norder: {number}"),
            encoding="utf-8",
        )
    return tmp_path / "lessons"


def test_course_file_orders_lessons_and_gives_the_description(tmp_path: Path) -> None:
    root = _course_folder(tmp_path, "---\nid: mine\ntitle: My course\nlessons: [two, one]\n---\nAll about it.\n")
    (course,) = load_library(root).courses()
    assert (course.id, course.title, course.description) == ("mine", "My course", "All about it.")
    assert [lesson.id for lesson in course.lessons] == ["two", "one"]
    assert check_lessons(root) == []


def test_course_file_problems_are_located(tmp_path: Path) -> None:
    root = _course_folder(
        tmp_path, "---\ntitle: Other\ncolour: red\nlessons: [one, ghost]\nprerequisites: [nowhere]\n---\n"
    )
    found = [f"{p.path.name}:{p.line}: {p.message}" for p in check_lessons(root)]
    assert "course.md:3: unknown key 'colour'" in found
    assert "course.md:4: lesson 'ghost' is not in this folder" in found
    assert "course.md:4: lesson 'two' is missing from 'lessons'" in found
    assert any(f.startswith("course.md:1: prerequisite course 'nowhere'") for f in found)
    assert any(f.startswith("1.md:1: course 'My course' does not match") for f in found)


def test_reload_reuses_unchanged_files(tmp_path: Path) -> None:
    root = _course_folder(tmp_path, "---\ntitle: My course\n---\n")
    first = load_library(root)
    (root / "c1" / "2.md").write_text("broken", encoding="utf-8")
    second = load_library(root, previous=first)
    assert second.find("one") is first.find("one"), "an unchanged file is not parsed again"
    assert second.find("two") is None and [b.path.name for b in second.broken] == ["2.md"]


# --------------------------------------------------------------------------- any text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from([
                "---", ":::", "::: exercise a", "::: exercise", "```python check", "```python starter", "```",
                "> hint: h", "## 00:10 c", "## 99:99 x", "# 0:01 h", "title: T", "course: C", 'duration: "~1:00"',
                "duration: x", "assert 1", "", "   :::", "id: [", "order: 2",
            ]),
            st.text(max_size=30),
        ),
        max_size=25,
    )
)
def test_any_text_gives_a_lesson_or_located_errors(lines: list[str]) -> None:
    text = "\n".join(lines)
    line_count = text.count("\n") + text.count("\r") + 2
    try:
        lesson = parse_lesson_text(text, Path("x.md"))
    except LessonError as error:
        assert error.problems
        problems = error.problems
    else:
        problems = lesson.warnings
        for exercise in lesson.exercises:
            assert 1 <= exercise.line <= line_count
    for problem in problems:
        assert 1 <= problem.line <= line_count, problem
        assert problem.message


def test_requires_plain_names_and_mappings_and_what_is_missing(tmp_path):
    from studytui.core.lessons import Missing, missing_from_report, probe_code

    path = tmp_path / "needs.md"
    path.write_text(
        "---\ntitle: Needs\ncourse: C\nduration: \"10:00\"\n"
        "requires: [numpy, {import: sklearn, pip: scikit-learn}, {import: graphviz, system: dot, apt: graphviz},"
        " \"not a module\", {system: dot, wat: 1}]\n---\n"
    )
    lesson = parse_lesson(path)
    assert [(r.import_name, r.pip_name, r.program) for r in lesson.requires] == [
        ("numpy", "numpy", None), ("sklearn", "scikit-learn", None), ("graphviz", "graphviz", "dot")]
    messages = [warning.message for warning in lesson.warnings]
    assert any("'not a module' is not an importable module name" in m for m in messages), messages
    assert any("unknown key 'wat'" in m for m in messages), messages
    assert all(warning.line == 5 for warning in lesson.warnings if "requires" in warning.message)

    code = probe_code(lesson.requires)
    assert "'numpy', 'sklearn'" in code and "['dot']" in code
    missing = missing_from_report(lesson.requires, {"modules": ["sklearn", "graphviz"], "programs": ["dot"]})
    assert missing.pip_names() == ("scikit-learn", "graphviz")
    assert missing.system_commands() == ("sudo apt-get install graphviz", "brew install graphviz")
    assert not Missing() and not missing_from_report(lesson.requires, "garbage")


def test_only_plain_package_names_are_installed():
    from studytui.core.lessons import install_plan, plain_requirement

    for accepted in ("numpy", "scikit-learn>=1.4", "transformers[torch]", "zope.interface", "torch==2.13.0"):
        assert plain_requirement(accepted)[0] is not None, accepted
    for refused, why in [
        ("evil-1.0.tar.gz", "an archive file"), ("pkg-1.0-py3-none-any.whl", "an archive file"),
        ("evil.zip", "an archive file"), ("./evil", "a path"), ("../x", "a path"), ("/tmp/x", "a path"),
        ("~/x", "a path"), ("git+https://example.org/x", "a URL"), ("x @ https://example.org/x.whl", "a URL"),
        ("-e", "an option"), ("--index-url=http://x", "an option"), ("-rrequirements.txt", "an option"),
        ("numpy; python_version > '3'", "an environment marker"), ("", "empty"), ("a b", "not a package name"),
    ]:
        plain, reason = plain_requirement(refused)
        assert plain is None and reason is not None and reason.startswith(why), (refused, reason)
    plan = install_plan(("torch", "numpy", "evil-1.0.tar.gz", "TorchVision>=0.1", "numpy"))
    assert plan.packages == ("torch", "numpy", "TorchVision>=0.1")
    assert plan.torch == ("torch", "TorchVision>=0.1")
    assert [name for name, _ in plan.refused] == ["evil-1.0.tar.gz"]


def test_a_lessons_install_offers_what_its_exercise_checks_need():
    from studytui.config import bundled_lessons_dir

    micrograd = load_library(bundled_lessons_dir()).find("zth-01-micrograd")
    assert micrograd is not None
    assert "torch" in {exercise_module for exercise in micrograd.exercises for exercise_module in exercise.requires}
    assert "torch" not in {r.import_name for r in micrograd.requires}
    assert ("torch", "torch") in {(r.import_name, r.pip_name) for r in micrograd.needs}


def test_every_bundled_lesson_says_what_it_needs():
    from studytui.config import bundled_lessons_dir

    library = load_library(bundled_lessons_dir())
    # The Python basics lessons before numpy need only the standard library.
    assert library.lessons and all(lesson.requires for lesson in library.lessons if lesson.has_video)
    assert all(lesson.requires for lesson in library.lessons if "numpy" in lesson.title)
    micrograd = library.find("zth-01-micrograd")
    assert {r.import_name for r in micrograd.requires} >= {"numpy", "matplotlib", "graphviz"}
    assert any(r.program == "dot" for r in micrograd.requires)
