"""The method's core rules: passes kept per lesson, active study time, notes search, a cell as a
note, titles that tell lessons apart, exercise prose, an exercise file's traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studytui.core.kernel import CellOutputs, ErrorOutput, RichResult, StreamText, outputs_as_text
from studytui.core.lessons import distinct_titles, fit_title, reflow
from studytui.core.lessons.exercises import name_the_file
from studytui.core.notes import cell_note, insert_note, search_notes, search_notes_files
from studytui.core.study import ActiveTime, StudyLog, StudyState


@dataclass(frozen=True)
class Part:
    start: float
    title: str


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_lesson_never_opened_is_in_pass_1_and_each_keeps_the_pass_it_was_left_in(tmp_path: Path):
    log = StudyLog(tmp_path / "log.sqlite")
    state = StudyState.load(log)
    assert state.pass_of("new-lesson") == 1
    state.opened("a")
    state.opened("b")
    state.set_pass("b", 2)
    state.save()
    again = StudyState.load(log)
    assert (again.pass_of("a"), again.pass_of("b"), again.last_lesson) == (1, 2, "b")


def test_a_lesson_an_older_version_kept_without_a_pass_was_in_pass_2(tmp_path: Path):
    log = StudyLog(tmp_path / "log.sqlite")
    log.store.write("INSERT INTO lesson_state (lesson, position, pass) VALUES ('old', 600.0, NULL)")
    assert StudyState.load(log).pass_of("old") == 2


def test_the_lesson_opened_is_the_last_lesson_even_with_no_position(tmp_path: Path):
    log = StudyLog(tmp_path / "log.sqlite")
    state = StudyState.load(log)
    state.opened("first")
    state.remember("first", 10)
    state.save()
    state.opened("second")  # no position reached (an attached mpv that never moved)
    state.save()
    assert StudyState.load(log).last_lesson == "second"


def test_paused_time_counts_only_within_the_idle_time_after_a_key():
    clock = Clock()
    active = ActiveTime(idle_after=300, now=clock)
    clock.now += 50
    assert active.tick(playing=False).active == 0, "no key yet: nobody at the keys"
    active.input_seen()
    clock.now += 1000  # lunch, the clock paused
    spent = active.tick(playing=False)
    assert (spent.active, spent.idle) == (300, 700)


def test_playing_time_counts_whole_and_a_key_in_the_middle_of_a_look_counts_from_there():
    clock = Clock()
    active = ActiveTime(idle_after=60, now=clock)
    active.tick(playing=True)
    clock.now += 500
    assert active.tick(playing=False).active == 500, "the clock played"
    clock.now += 100
    active.input_seen()  # 100 idle seconds, then a key
    clock.now += 20
    spent = active.tick(playing=False)
    assert (spent.active, spent.idle) == (20, 100)


def test_notes_search_finds_every_word_with_the_notes_stamp_or_its_chapter():
    notes = ("# Micrograd\n\n## 19:09 The Value object\n\n- [19:14](https://youtu.be/x?t=1154) a Value remembers"
             " its children\n- [21:40] grad starts at 0\n  so the value's grad adds up\nloose line about value\n")
    hits = search_notes(notes, "VALUE grad", "zth-01")
    assert [(hit.row, hit.seconds) for hit in hits] == [(6, 1300)]
    assert [hit.text for hit in search_notes(notes, "remembers")] == ["[19:14] a Value remembers its children"]
    assert search_notes(notes, "loose")[0].seconds == 1149, "not a note: its chapter's start"
    assert search_notes(notes, "micrograd") == [], "the title line is no note"
    assert search_notes(notes, "   ") == []
    both = search_notes_files([("a", "- [1:00] tanh here\n"), ("b", "- [2:00] tanh there\n")], "tanh")
    assert [(hit.lesson_id, hit.seconds) for hit in both] == [("a", 60), ("b", 120)]


def test_a_cell_note_is_a_stamped_bullet_with_the_code_and_output_fenced_under_it():
    note = cell_note(754, "print('```')\nx = 1", "```\n1")
    assert note.split("\n") == [
        "- [12:34] ", "  ````python", "  print('```')", "  x = 1", "  ````", "  ````text", "  ```", "  1", "  ````",
    ]
    inserted = insert_note("# T\n\n## 12:00 Part\n\n- [12:10] before\n", [Part(720, "Part")], 754, line=note).apply(
        "# T\n\n## 12:00 Part\n\n- [12:10] before\n")
    assert "- [12:10] before\n- [12:34] \n  ````python" in inserted


def test_a_cells_outputs_as_text_for_the_notes():
    outputs = CellOutputs(None, "cell")
    outputs.add(StreamText("stdout", "\x1b[31mred\x1b[0m line\n"))
    outputs.add(RichResult(3, {"text/plain": "42"}))
    outputs.add(ErrorOutput("ValueError", "bad", ("tb",)))
    outputs.close()
    assert outputs_as_text(outputs) == "red line\n42\nValueError: bad"


def test_titles_that_open_alike_show_what_tells_them_apart():
    titles = ["Building makemore Part 2: MLP", "Building makemore Part 3: Activations & Gradients, BatchNorm",
              "Let's build GPT: from scratch", "Intro"]
    distinct = distinct_titles(titles)
    assert distinct == ["…Part 2: MLP", "…Part 3: Activations & Gradients, BatchNorm",
                        "Let's build GPT: from scratch", "Intro"]
    assert fit_title(titles[0], 40, distinct[0]) == titles[0], "the whole title when it fits"
    assert fit_title(titles[0], 20, distinct[0]) == "…Part 2: MLP"


def test_exercise_prose_keeps_paragraphs_and_lists_but_not_the_files_line_breaks():
    task = "Write a function that\ntakes x and\nreturns y.\n\nSteps:\n- one\n- two\n\n```python\nx = 1\ny = 2\n```"
    assert reflow(task) == ("Write a function that takes x and returns y.\n\nSteps:\n- one\n- two\n\n"
                            "```python\nx = 1\ny = 2\n```")


def test_an_exercise_files_traceback_names_the_file_and_line():
    traceback = (
        "\x1b[31mZeroDivisionError\x1b[39m   Traceback (most recent call last)",
        "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[30]\x1b[39m\x1b[32m, line 56\x1b[39m\n  56 f()",
        "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[12]\x1b[39m\x1b[32m, line 2\x1b[39m, in f",
        "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[30]\x1b[39m\x1b[32m, line 4\x1b[39m, in g",
    )
    named = name_the_file(traceback, "double.py")
    assert "double.py, line 56" in named[1] and "Cell" not in named[1]
    assert "In[12]" in named[2], "a function from an earlier cell keeps its cell"
    assert "double.py, line 4" in named[3]
