"""Note placement, stamps and atomic saving, without a screen."""

from dataclasses import dataclass

import pytest

from studytui.core.notes import (
    format_stamp,
    insert_note,
    new_notes_document,
    parse_stamps,
    stamp_at_line,
)


@dataclass(frozen=True)
class Chap:
    start: float
    title: str


CHAPTERS = [Chap(0, "intro"), Chap(25, "overview"), Chap(1149, "The Value object"), Chap(1930, "backprop")]


def add(doc: str, seconds: float, text: str = "x", link: str | None = None) -> str:
    ins = insert_note(doc, CHAPTERS, seconds, link)
    doc = ins.apply(doc)
    lines = doc.split("\n")
    row, col = ins.cursor
    # The cursor sits right after the stamp, ready for the learner's words.
    assert lines[row][:col].startswith("- [") and lines[row][col - 1] == " "
    lines[row] = lines[row][:col] + text + lines[row][col:]
    return "\n".join(lines)


def test_first_note_creates_its_chapter_heading():
    doc = add(new_notes_document("micrograd"), 1154, "grad of a leaf")
    assert doc == "# micrograd\n\n## 19:09 The Value object\n\n- [19:14] grad of a leaf\n"


def test_headings_follow_chapter_order_and_notes_time_order():
    doc = new_notes_document("L")
    doc = add(doc, 2000, "late")
    doc = add(doc, 1200, "middle")
    doc = add(doc, 1160, "earlier in same chapter")
    doc = add(doc, 1300, "later in same chapter")
    doc = add(doc, 30, "overview note")
    assert doc == (
        "# L\n\n"
        "## 00:25 overview\n\n- [00:30] overview note\n\n"
        "## 19:09 The Value object\n\n"
        "- [19:20] earlier in same chapter\n- [20:00] middle\n- [21:40] later in same chapter\n\n"
        "## 32:10 backprop\n\n- [33:20] late\n"
    )


def test_note_after_a_multiline_item_keeps_the_item_whole():
    doc = "# L\n\n## 19:09 The Value object\n\n- [19:20] first\n  continued here\n- [25:00] last\n"
    doc = add(doc, 1300, "between")
    assert "- [19:20] first\n  continued here\n- [21:40] between\n- [25:00] last\n" in doc


def test_heading_found_by_time_even_when_the_learner_renamed_it():
    doc = "# L\n\n## 19:09 my own title\n\nSome prose.\n"
    doc = add(doc, 1200, "n")
    assert doc == "# L\n\n## 19:09 my own title\n\nSome prose.\n\n- [20:00] n\n"
    assert doc.count("## 19:09") == 1


def test_notes_before_any_chapter_go_after_the_title():
    later_chapters = CHAPTERS[2:]
    doc = "# L\n\n## 19:09 The Value object\n\n- [19:20] a\n"
    doc = insert_note(doc, later_chapters, 5).apply(doc)
    doc = insert_note(doc, later_chapters, 7).apply(doc)
    doc = insert_note(doc, [], 3).apply(doc)
    assert doc.startswith("# L\n\n- [00:03] \n- [00:05] \n- [00:07] \n\n## 19:09")


def test_document_without_final_newline_and_empty_document():
    assert add("# L", 1200, "n") == "# L\n\n## 19:09 The Value object\n\n- [20:00] n"
    assert insert_note("", [], 3).apply("") == "- [00:03] \n"


def test_stamp_with_video_link_reads_back():
    link = "https://youtu.be/VMj-3S1tku0?t=754"
    doc = add(new_notes_document("L"), 754, "linked", link)
    assert f"- [12:34]({link}) linked" in doc
    doc = add(doc, 700, "plain")
    stamps = parse_stamps(doc)
    assert [(s.seconds, s.link) for s in stamps] == [(700, None), (754, link)]


def test_format_stamp_over_an_hour():
    assert format_stamp(3723) == "[1:02:03]"
    assert format_stamp(5, "u") == "[00:05](u)"


def test_stamps_inside_code_fences_do_not_make_headings():
    doc = "# L\n\n```\n## 19:09 not a heading\n```\n"
    doc = add(doc, 1200, "n")
    assert doc.endswith("```\n\n## 19:09 The Value object\n\n- [20:00] n\n")


@pytest.mark.parametrize("seconds", [0, 24, 25, 1148, 1149, 5000])
def test_every_note_lands_under_the_right_heading(seconds):
    doc = add(new_notes_document("L"), seconds, "n")
    lines = doc.split("\n")
    bullet_row = next(i for i, line in enumerate(lines) if line.startswith("- ["))
    heading = next(line for line in reversed(lines[:bullet_row]) if line.startswith("## "))
    expected = max((c for c in CHAPTERS if c.start <= seconds), key=lambda c: c.start)
    assert heading.endswith(expected.title)


def test_note_kinds_read_back_from_their_prefix():
    doc = (
        "# L\n\n- [00:01] plain concept\n- [00:02] ! tanh saturates\n- [00:03] ? why 1/sqrt(d)\n"
        "- [00:04] ~ lr 10x: loss explodes\n- [00:05] (bookmark)\n- [00:06] !important is not a kind\n"
    )
    kinds = [(s.kind, s.text) for s in parse_stamps(doc)]
    assert kinds == [
        ("concept", "plain concept"),
        ("observation", "tanh saturates"),
        ("question", "why 1/sqrt(d)"),
        ("experiment", "lr 10x: loss explodes"),
        ("bookmark", ""),
        ("concept", "!important is not a kind"),
    ]


def test_stamp_at_line_finds_the_note_from_its_continuation():
    doc = "# L\n\n- [01:00] first\n  more of first\n\nprose\n- [02:00](u) ? second\n"
    assert stamp_at_line(doc, 2).seconds == 60
    assert stamp_at_line(doc, 3).seconds == 60
    assert stamp_at_line(doc, 4) is None
    assert stamp_at_line(doc, 5) is None
    second = stamp_at_line(doc, 6)
    assert (second.seconds, second.link, second.kind) == (120, "u", "question")


def test_stamps_are_short_in_the_editor_and_linked_in_the_file():
    from studytui.core.notes import compact_stamps, expand_stamps

    def link_for(seconds: float) -> str:
        return f"https://youtu.be/VMj-3S1tku0?t={int(seconds)}"

    file_text = ("# L\n\n- [19:11](https://youtu.be/VMj-3S1tku0?t=1151) ours\n"
                 "- [19:12](https://example.org/v) another video\n- [19:13] typed short\n- no stamp (x)")
    shown = compact_stamps(file_text, link_for)
    assert shown.split("\n")[2:] == ["- [19:11] ours", "- [19:12](https://example.org/v) another video",
                                     "- [19:13] typed short", "- no stamp (x)"]
    written = expand_stamps(shown, link_for)
    assert "- [19:11](https://youtu.be/VMj-3S1tku0?t=1151) ours" in written
    assert "- [19:13](https://youtu.be/VMj-3S1tku0?t=1153) typed short" in written
    assert compact_stamps(written, link_for) == shown
    assert expand_stamps(shown, lambda seconds: None) == shown, "no online video: nothing to add"
