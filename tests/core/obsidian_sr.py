"""A test oracle: the cards the Obsidian spaced-repetition plugin finds in a note, with its default settings.

Written in Python from reading the plugin's source (st3v3nmw/obsidian-spaced-repetition), to judge
which card forms studytui and the plugin both read. The rules ported, and where each comes from:

- `src/parser.ts` `parse()`: a note is read line by line; an empty line (after trimming) ends the card
  being collected; a line holding `::` (or `:::`, tried first as the longer) anywhere outside an inline
  code span is a one-line card by itself; a line that is only `?` (or `??`) after trimming turns the
  lines collected since the last empty line into a multi-line card (when something was collected);
  a fenced block (```` ``` ```` or `~~~`) is taken whole into the card being collected; a line with a
  cloze (`==text==`, its default cloze pattern) starts a cloze card; a line starting `<!--` that is not
  `<!--SR:` skips an HTML comment; `<!--SR:` right after a one-line card belongs to it.
- `src/data/data-structures/card/questions/question-type.ts`: a one-line card splits at the first
  separator (two sides for `:::`); a multi-line card splits at the first line that is the separator
  after trimming, its front the lines above, its back the lines below.
- `src/data/data-structures/card/questions/question.ts` `QuestionText.splitText`: `<!--SR:...-->`
  removed, a leading `#tag` taken as the card's deck, and ` ^id` at the very end taken as its block id.
- `src/data/settings.ts` `DEFAULT_SETTINGS`: separators `::`, `:::`, `?`, `??`; no end marker;
  `flashcardTags: ["#flashcards"]`; `convertHighlightsToClozes: true`.
- `src/note/note-question-parser.ts` `createQuestionList`: a note's cards are read only when the note
  carries a flashcard tag (`#flashcards` or one under it, `#flashcards/ml`), in its front matter or text.

The tag test is Obsidian's (its metadata cache finds the tags), approximated here by a `#tag` preceded
by the line start or a space, outside fenced code, or a `tags:` entry in the front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ONE_WAY, BOTH_WAYS, MULTI_LINE, MULTI_LINE_BOTH_WAYS, CLOZE = "::", ":::", "?", "??", "cloze"

_BLOCK_ID_AT_END = re.compile(r" (\^[a-zA-Z0-9-]+)$")  # constants.ts OBSIDIAN_BLOCK_ID_ENDOFLINE_REGEX
_TAG_AT_START = re.compile(r"^#[^\s#]+")  # constants.ts OBSIDIAN_TAG_AT_STARTOFLINE_REGEX
_SCHEDULE = re.compile(r"<!--SR:.+-->")  # notes-data-store.ts removeScheduleInfo
_CLOZE = re.compile(r"==[^=]+?==")  # the default cloze pattern "==[123;;]answer[;;hint]=="


@dataclass(frozen=True)
class PluginCard:
    kind: str  # "::", ":::", "?", "??" or "cloze"
    front: str
    back: str
    first_line: int
    block_id: str | None


def plugin_cards(note: str, tags: tuple[str, ...] = ("#flashcards",)) -> list[PluginCard]:
    """The cards the plugin shows for this note (none when the note has no flashcard tag)."""
    if not _has_flashcard_tag(note, tags):
        return []
    body = _without_front_matter(note)
    cards: list[PluginCard] = []
    for kind, text, first in parse(body):
        question, block_id = _question_text(text)
        for front, back in _expand(kind, question):
            cards.append(PluginCard(kind, front, back, first, block_id))
    return cards


def parse(text: str) -> list[tuple[str, str, int]]:
    """(kind, card text, first line) as `parse()` in src/parser.ts collects them."""
    lines = text.replace("\r\n", "\n").split("\n")
    cards: list[tuple[str, str, int]] = []
    card_text, kind, first = "", None, 0
    i = 0
    while i < len(lines):
        line, trimmed = lines[i], lines[i].strip()
        if line.startswith("<!--") and not line.startswith("<!--SR:"):
            # As the plugin's loop reads: it tests the comment's first line again and again, so a
            # comment closed on its own line skips that line and the next, and one left open the rest.
            i = i + 2 if "-->" in line else len(lines)
            continue
        if not trimmed:
            if kind is not None:
                cards.append((kind, card_text.rstrip(), first))
                kind = None
            card_text, first = "", i + 1
            i += 1
            continue
        card_text = card_text + "\n" + line.rstrip() if card_text else line.rstrip()
        for separator in (BOTH_WAYS, ONE_WAY):  # the longer separator first
            if _has_inline_marker(line, separator):
                kind = separator
                break
        if kind in (ONE_WAY, BOTH_WAYS):
            card_text, first = line, i
            if i + 1 < len(lines) and lines[i + 1].startswith("<!--SR:"):
                card_text += "\n" + lines[i + 1]
                i += 1
            cards.append((kind, card_text, first))
            kind, card_text = None, ""
        elif trimmed == MULTI_LINE:
            if len(card_text) > 1:
                kind = MULTI_LINE
        elif trimmed == MULTI_LINE_BOTH_WAYS:
            if len(card_text) > 1:
                kind = MULTI_LINE_BOTH_WAYS
        elif line.startswith(("```", "~~~")):
            close = line[: len(line) - len(line.lstrip(line[0]))]  # the run of ` or ~ that opens it
            while i + 1 < len(lines) and not lines[i + 1].startswith(close):
                i += 1
                card_text += "\n" + lines[i]
            card_text += "\n" + close
            i += 1
        elif kind is None and _CLOZE.search(line):
            kind = CLOZE
        i += 1
    if kind is not None and card_text:
        cards.append((kind, card_text.rstrip(), first))
    return cards


def _has_inline_marker(text: str, marker: str) -> bool:
    """parser.ts hasInlineMarker: the first occurrence counts, unless it sits inside an inline code span."""
    index = text.find(marker)
    if index == -1:
        return False
    before = text[:index].count("`")
    after = text[index + len(marker):].count("`")
    return not (before % 2 == 1 and after % 2 == 1)


def _question_text(text: str) -> tuple[str, str | None]:
    """QuestionText.splitText: schedule comments out, a leading tag out, the trailing block id out."""
    text = _SCHEDULE.sub("", text)
    question = text.rstrip()
    if _TAG_AT_START.match(text.lstrip()):
        question = _TAG_AT_START.sub("", text.lstrip(), count=1).lstrip()
    match = _BLOCK_ID_AT_END.search(question)
    if match:
        return question[: match.start()].rstrip(), match[1]
    return question, None


def _expand(kind: str, question: str) -> list[tuple[str, str]]:
    """question-type.ts: the (front, back) pairs of one question."""
    if kind in (ONE_WAY, BOTH_WAYS):
        index = question.find(kind)
        front, back = question[:index], question[index + len(kind):]
        return [(front, back), (back, front)] if kind == BOTH_WAYS else [(front, back)]
    if kind in (MULTI_LINE, MULTI_LINE_BOTH_WAYS):
        lines = question.split("\n")
        at = next(n for n, line in enumerate(lines) if line.strip() == kind)
        front, back = "\n".join(lines[:at]), "\n".join(lines[at + 1:])
        return [(front, back), (back, front)] if kind == MULTI_LINE_BOTH_WAYS else [(front, back)]
    return [(question, question)]  # a cloze: one card per deletion; the words are not compared here


def _without_front_matter(note: str) -> str:
    """The plugin blanks the front matter out, keeping its lines (so line numbers stay the same)."""
    if not note.startswith("---\n"):
        return note
    end = note.find("\n---", 4)
    if end == -1:
        return note
    return "\n" * note[:end + 4].count("\n") + note[end + 4:]


def _has_flashcard_tag(note: str, tags: tuple[str, ...]) -> bool:
    wanted = {tag.lstrip("#").casefold() for tag in tags}

    def flashcard(tag: str) -> bool:
        tag = tag.lstrip("#").casefold()
        return any(tag == name or tag.startswith(name + "/") for name in wanted)

    if note.startswith("---\n") and (end := note.find("\n---", 4)) != -1:
        for match in re.finditer(r"^tags:\s*\[?([^\]\n]*)\]?", note[:end], re.MULTILINE):
            if any(flashcard(tag.strip(" '\"")) for tag in match[1].split(",") if tag.strip()):
                return True
    in_fence = False
    for line in note.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if not in_fence and any(flashcard(m[1]) for m in re.finditer(r"(?:^|\s)(#[^\s#`]+)", line)):
            return True
    return False
