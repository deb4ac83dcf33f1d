"""The same notes read by studytui and by the Obsidian spaced-repetition plugin's rules (tests/core/obsidian_sr.py).

What both read, and every difference, is what docs/notes-format.md says under "Cards in Obsidian".
"""

from __future__ import annotations

import re

from studytui.core.review import add_missing_ids, parse_cards
from tests.core.obsidian_sr import plugin_cards

# A studytui notes file as a learner who also uses Obsidian writes it.
NOTES = """\
# Sample micrograd
#flashcards

## 08:08 derivative of a simple function

- [08:10](https://youtu.be/VMj-3S1tku0?t=490) What does backward() accumulate? :: the gradient of the output
- [08:20] tanh ::: squashes any number into (-1, 1)
- [08:25] slicing `x[::2]` takes every second item

- [08:30] why does grad start at 0
?
nothing depends on it yet

- [08:32] how do you step the parameters
?
```python
for p in model.parameters():
    p.data -= 0.01 * p.grad
```

- [08:34] sigmoid
??
squashes into (0, 1)

- [08:36] what is `a :: b` in Haskell :: a type signature

## 19:09 the Value object :: what a number remembers

- [19:10] ! slicing x[::2] takes every second item
- [19:12] C++ calls it std::vector
- [19:14] derivative of tanh::1 - tanh^2
- [19:16] ? what is a leaf node
    a Value made by hand, not by an op
- [19:18] ? still unanswered

- [19:20] the ==chain rule== multiplies the local slopes
"""

BOTH_READ = {
    ("What does backward() accumulate?", "the gradient of the output"),
    ("tanh", "squashes any number into (-1, 1)"),
    ("squashes any number into (-1, 1)", "tanh"),
    ("why does grad start at 0", "nothing depends on it yet"),
    ("how do you step the parameters", "```python\nfor p in model.parameters():\n    p.data -= 0.01 * p.grad\n```"),
    ("sigmoid", "squashes into (0, 1)"),
    ("squashes into (0, 1)", "sigmoid"),
}
_STAMP = re.compile(r"^\s*(?:[-*+]\s+)?(?:\[\d+(?::\d{2}){1,2}\](?:\([^)]*\))?\s*)?(?:[!?~]\s+)?")


def plugin_pairs(notes: str) -> set[tuple[str, str]]:
    """The plugin's cards with the note's bullet and stamp taken off (it shows them as part of the words)."""
    return {(_bare(card.front), _bare(card.back)) for card in plugin_cards(notes)}


def _bare(side: str) -> str:
    return _STAMP.sub("", side, count=1).strip()


def studytui_pairs(notes: str) -> set[tuple[str, str]]:
    return {(card.front, card.back) for card in parse_cards(notes, "sample-micrograd")}


def test_the_forms_both_read_give_the_same_cards_and_every_difference_is_the_documented_one():
    plugin, studytui = plugin_pairs(NOTES), studytui_pairs(NOTES)
    assert plugin & studytui == BOTH_READ
    # Only the plugin: `::` without spaces around it, code included, unless in backticks; a highlight
    # (its default turns one into a cloze card).
    assert plugin - studytui == {
        ("slicing x[", "2] takes every second item"),
        ("C++ calls it std", "vector"),
        ("derivative of tanh", "1 - tanh^2"),
        ("the ==chain rule== multiplies the local slopes", "the ==chain rule== multiplies the local slopes"),
        ("## 19:09 the Value object", "what a number remembers"),
    }
    # Only studytui: a `?` question with its answer indented under it; a separator after inline code
    # that holds `::` itself (the plugin looks at the first `::` of the line only).
    assert studytui - plugin == {
        ("what is a leaf node", "a Value made by hand, not by an op"),
        ("what is `a :: b` in Haskell", "a type signature"),
    }


def test_ids_studytui_writes_are_the_block_ids_the_plugin_reads_and_change_no_card():
    with_ids = add_missing_ids(NOTES, "sample-micrograd")
    assert plugin_pairs(with_ids) == plugin_pairs(NOTES)
    assert studytui_pairs(with_ids) == studytui_pairs(NOTES)
    ours = {card.front: card.block_id for card in parse_cards(with_ids, "sample-micrograd") if not card.reverse}
    theirs = {_bare(card.front): card.block_id for card in plugin_cards(with_ids)}
    for front in ("What does backward() accumulate?", "why does grad start at 0", "sigmoid", "tanh"):
        assert theirs[front] == f"^{ours[front]}"


def test_without_the_flashcards_tag_the_plugin_reads_no_card_and_studytui_all():
    untagged = NOTES.replace("#flashcards\n", "")
    assert plugin_cards(untagged) == []
    assert studytui_pairs(untagged) == studytui_pairs(NOTES)
    assert plugin_pairs("---\ntags: [flashcards/ml]\n---\n" + untagged) == plugin_pairs(NOTES)


def test_without_blank_lines_around_a_multi_line_card_the_plugin_takes_the_neighbouring_notes():
    notes = "#flashcards\n\n- [09:00] a concept\n- [09:05] why zero the grads\n?\nthey add up\n- [09:10] next note\n"
    assert studytui_pairs(notes) == {("why zero the grads", "they add up")}
    assert plugin_pairs(notes) == {("a concept\n- [09:05] why zero the grads", "they add up\n- [09:10] next note")}
