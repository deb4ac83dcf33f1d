"""What the notes take from outside: a pack's titles as heading words only, never cards; quotes of
the lecture linked to the video like every other stamp; a stamp that is no time left alone."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from markdown_it import MarkdownIt

from studytui.core.notes import compact_stamps, expand_stamps, format_quote, insert_note, new_notes_document, read_quote
from studytui.core.review import parse_cards, unanswered_questions


@dataclass(frozen=True)
class Chap:
    start: float
    title: str


TITLES = [
    "What does backward() accumulate? :: the gradient",
    "tanh ::: squashes into (-1, 1)",
    "?",
    "Title\n?\nan answer",
    "why tanh?\n  because it is smooth",
    "Backprop #flashcards",
    "==cloze== and {{c1::cloze}}",
    "ends like a card id ^k3x9qa",
    "<img src=x onerror=alert(1)> [b]markup[/b] [@click=app.quit]",
]


def heading_text(markdown: str) -> list[str]:
    """The words of each heading as a CommonMark renderer shows them."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [tokens[i + 1].content and "".join(
        child.content for child in tokens[i + 1].children or () if child.type in ("text", "code_inline")
    ) for i, token in enumerate(tokens) if token.type == "heading_open"]


@pytest.mark.parametrize("title", TITLES)
def test_a_lesson_title_is_never_a_card_in_the_notes_heading(title):
    document = new_notes_document(title)
    assert parse_cards(document, "lesson") == []
    assert unanswered_questions(document) == []
    assert document.count("\n") == 2, "one heading line, then a blank line"
    assert heading_text(document) == [" ".join(title.split())], "the heading shows the title as written"


@pytest.mark.parametrize("title", TITLES)
def test_a_chapter_title_is_never_a_card_and_its_heading_is_still_found(title):
    document = new_notes_document("Lesson")
    for seconds in (70, 75):
        document = insert_note(document, [Chap(60, title)], seconds, words=f"note {seconds}").apply(document)
    assert parse_cards(document, "lesson") == []
    assert document.count("## 01:00 ") == 1, "the second note found the chapter's heading by its time"
    assert heading_text(document)[1] == f"01:00 {' '.join(title.split())}"


def link_for(seconds: float) -> str:
    return f"https://youtu.be/VMj-3S1tku0?t={int(seconds)}"


def test_a_quote_links_to_the_video_in_the_file_and_reads_short_in_the_editor():
    editor = f"# L\n\n{format_quote(754, 'the gradient flows backwards')}\n- [12:35] mine\n"
    written = expand_stamps(editor, link_for)
    assert '> [12:34](https://youtu.be/VMj-3S1tku0?t=754) "the gradient flows backwards"' in written
    assert "- [12:35](https://youtu.be/VMj-3S1tku0?t=755) mine" in written
    assert compact_stamps(written, link_for) == editor
    quote = read_quote(written.split("\n")[2])
    assert quote is not None and quote.seconds == 754 and quote.text == "the gradient flows backwards"


def test_a_stamp_that_is_no_time_is_left_as_typed():
    typed = "# L\n\n- [00:75] not a time\n> [1:99] nor this\n"
    assert expand_stamps(typed, link_for) == typed
    from studytui.core.notes import parse_stamps

    assert parse_stamps(typed) == []
