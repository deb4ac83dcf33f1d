"""Cards in the notes: every form, answered and unanswered questions, ids that follow the words."""

from __future__ import annotations

from studytui.core.review import add_missing_ids, parse_cards, plan_card_id, unanswered_questions

NOTES = """\
# Sample micrograd

## 08:08 derivative of a simple function

- [08:10](https://youtu.be/VMj-3S1tku0?t=490) What does backward() accumulate? :: the gradient of the output
- [08:20] tanh ::: squashes any number into (-1, 1)
- [08:30] ? why does grad start at 0
  - nothing depends on it yet
- [08:35] ? what is a leaf node
    a Value made by hand, not by an op
    it has no children
- [08:40] ? still unanswered
- [08:45] ! slicing x[::2] is not a card
- [08:50] ~ tried h = 0.0001 :: the slope matched

## 19:09 the Value object

A plain line, front :: back, is a card too.

```python
a :: b
```
"""


def test_every_card_form_is_read_with_its_lesson_and_stamp():
    cards = parse_cards(NOTES, "sample-micrograd")
    pairs = [(card.front, card.back, card.seconds, card.reverse) for card in cards]
    assert pairs == [
        ("What does backward() accumulate?", "the gradient of the output", 490, False),
        ("tanh", "squashes any number into (-1, 1)", 500, False),
        ("squashes any number into (-1, 1)", "tanh", 500, True),
        ("why does grad start at 0", "nothing depends on it yet", 510, False),
        ("what is a leaf node", "a Value made by hand, not by an op\nit has no children", 515, False),
        ("tried h = 0.0001", "the slope matched", 530, False),
        ("A plain line, front", "back, is a card too.", 19 * 60 + 9, False),
    ]
    assert all(card.lesson_id == "sample-micrograd" and card.block_id is None for card in cards)


def test_a_question_without_an_answer_stays_on_the_revisit_list_only():
    fronts = [card.front for card in parse_cards(NOTES, "l")]
    assert "still unanswered" not in fronts
    rows = unanswered_questions(NOTES)
    assert [NOTES.split("\n")[row] for row in rows] == ["- [08:40] ? still unanswered"]


def test_code_blocks_and_slices_are_never_cards():
    fronts = [card.front for card in parse_cards(NOTES, "l")]
    assert not any("x[" in front or front == "a" for front in fronts)


def test_a_block_id_is_read_and_keyed_with_the_lesson_and_direction():
    text = "- [01:00] tanh ::: squashes ^k3x9qa\n"
    forward, backward = parse_cards(text, "zth-01")
    assert forward.front == "tanh" and forward.back == "squashes"
    assert forward.card_id == "zth-01/k3x9qa"
    assert backward.card_id == "zth-01/k3x9qa/reverse"


def test_a_new_id_goes_at_the_end_of_the_card_line_and_is_found_by_words_not_rows():
    card = parse_cards(NOTES, "l")[3]  # the answered question
    edited = "- [00:01] a note added above since the card was shown\n" + NOTES
    plan = plan_card_id(edited, card)
    assert plan is not None and plan.insertion is not None
    with_id = plan.insertion.apply(edited)
    assert f"- [08:30] ? why does grad start at 0 ^{plan.insertion.block_id}\n  - nothing" in with_id
    again = [c for c in parse_cards(with_id, "l") if c.front == "why does grad start at 0"]
    assert again[0].card_id == plan.card_id
    assert with_id.replace(f" ^{plan.insertion.block_id}", "") == edited  # nothing else touched


def test_the_second_direction_of_a_both_ways_card_reuses_the_first_ones_id():
    forward, backward = parse_cards("- [01:00] tanh ::: squashes\n", "l")
    plan = plan_card_id("- [01:00] tanh ::: squashes\n", forward)
    assert plan is not None and plan.insertion is not None
    text = plan.insertion.apply("- [01:00] tanh ::: squashes\n")
    second = plan_card_id(text, backward)
    assert second is not None and second.insertion is None
    assert second.card_id == plan.card_id + "/reverse"


def test_add_missing_ids_gives_every_card_one_and_keeps_the_text():
    with_ids = add_missing_ids(NOTES, "l")
    cards = parse_cards(with_ids, "l")
    assert all(card.block_id for card in cards)
    assert len({card.card_id for card in cards}) == len(cards)
    assert add_missing_ids(with_ids, "l") == with_ids
    stripped = "\n".join(line.split(" ^")[0] for line in with_ids.split("\n"))
    assert stripped == NOTES


def test_the_id_of_a_card_is_not_part_of_the_notes_words():
    from studytui.core.notes import read_stamp

    stamp = read_stamp("- [08:30] ? why does grad start at 0 ^355f33")
    assert stamp is not None and stamp.kind == "question" and stamp.text == "why does grad start at 0"


def test_an_answer_keeps_its_indentation_fenced_or_not():
    notes = """\
- [08:30] ? how do you step the parameters
    ```python
    for p in model.parameters():
        p.data -= 0.01 * p.grad
    ```
- [08:40] ? what does this print
  for i in range(2):
      print(i)
"""
    step, loop = parse_cards(notes, "l")
    assert step.back == "```python\nfor p in model.parameters():\n    p.data -= 0.01 * p.grad\n```"
    assert loop.back == "for i in range(2):\n    print(i)"


def test_a_blank_line_inside_a_fenced_answer_does_not_end_it():
    notes = "- [08:30] ? two functions\n  ```python\n  def f():\n      pass\n\n  def g():\n      pass\n  ```\n"
    (card,) = parse_cards(notes, "l")
    assert card.back == "```python\ndef f():\n    pass\n\ndef g():\n    pass\n```"


MULTI_LINE = """\
# Sample micrograd

## 08:08 derivative of a simple function

- [08:10] a plain note
- [08:20] why does grad start at 0
  for every node?
?
nothing depends on it yet
so its slope is 0
- [08:25] the next note is not part of the answer

- [08:30] sigmoid
??
squashes into (0, 1) ^k3x9qa

what is the update step
?
```python
p.data -= lr * p.grad
```
"""


def test_a_line_holding_only_a_question_mark_splits_a_multi_line_card():
    cards = parse_cards(MULTI_LINE, "l")
    pairs = [(card.front, card.back, card.line, card.seconds, card.reverse) for card in cards]
    assert pairs == [
        ("why does grad start at 0\nfor every node?", "nothing depends on it yet\nso its slope is 0", 5, 500, False),
        ("sigmoid", "squashes into (0, 1)", 12, 510, False),
        ("squashes into (0, 1)", "sigmoid", 12, 510, True),
        ("what is the update step", "```python\np.data -= lr * p.grad\n```", 16, 488, False),
    ]
    assert cards[1].block_id == cards[2].block_id == "k3x9qa" and cards[1].id_line == 14
    assert unanswered_questions(MULTI_LINE) == []


def test_a_multi_line_card_gets_its_id_at_the_end_of_its_last_line():
    with_ids = add_missing_ids(MULTI_LINE, "l")
    lines = with_ids.split("\n")
    assert lines[9].startswith("so its slope is 0 ^") and lines[5] == "- [08:20] why does grad start at 0"
    assert lines[-3] == "```" and lines[-2].startswith(" ^")  # after a closing fence: a line of its own
    again = parse_cards(with_ids, "l")
    assert [card.back for card in again] == [card.back for card in parse_cards(MULTI_LINE, "l")]
    assert all(card.block_id for card in again) and add_missing_ids(with_ids, "l") == with_ids


def test_separators_in_inline_code_and_the_plugins_schedule_comments_are_not_words():
    notes = (
        "- [00:10] `a :: b` is a slice in some languages\n"
        "- [00:20] what is `x[::2]` :: every second item <!--SR:!2026-12-01,3,250--> ^k3x9qa\n"
    )
    (card,) = parse_cards(notes, "l")
    assert (card.front, card.back, card.block_id) == ("what is `x[::2]`", "every second item", "k3x9qa")


def test_a_second_card_with_the_same_id_gets_one_of_its_own():
    notes = "- [00:10] one :: uno ^abc123\n- [00:20] two :: dos ^abc123\n"
    first, second = parse_cards(notes, "l")
    assert first.block_id == "abc123" and (second.block_id, second.duplicate_id) == (None, "abc123")
    plan = plan_card_id(notes, second)
    assert plan is not None and plan.insertion is not None and plan.insertion.replaced == "abc123"
    fixed = plan.insertion.apply(notes)
    assert fixed == f"- [00:10] one :: uno ^abc123\n- [00:20] two :: dos ^{plan.insertion.block_id}\n"
    assert [card.block_id for card in parse_cards(fixed, "l")] == ["abc123", plan.insertion.block_id]


def test_the_id_a_review_writes_is_the_one_an_export_gives_the_same_card():
    for card in parse_cards(NOTES, "l"):
        plan = plan_card_id(NOTES, card)
        assert plan is not None and plan.insertion is not None
        exported = [c for c in parse_cards(add_missing_ids(NOTES, "l"), "l") if c.content_key == card.content_key]
        assert exported[0].block_id == plan.insertion.block_id


def test_an_id_queued_by_an_export_is_found_again_after_the_card_was_edited():
    from studytui.core.review import QueuedId, plan_ids

    queued = [QueuedId("l", "q1w2e3", "What does backward() accumulate?", "the gradient of the output", 4)]
    edited = "- [00:01] a note added above\n" + NOTES.replace("the gradient of the output", "d out / d node")
    plan = plan_ids(edited, "l", queued, only_queued=True)
    assert [insertion.block_id for insertion in plan.insertions] == ["q1w2e3"] and plan.queued_used == {"q1w2e3"}
    card = next(c for c in parse_cards(plan.apply(edited), "l") if c.back == "d out / d node")
    assert card.block_id == "q1w2e3"


def test_a_bracket_that_is_no_video_time_is_no_stamp_and_breaks_no_card():
    from studytui.core.notes import parse_stamps

    notes = "- [100:00] what is 100 minutes :: 6000 seconds\n- [1:75] x :: y\n"
    assert parse_stamps(notes) == []
    assert [(card.front, card.seconds) for card in parse_cards(notes, "l")] == [
        ("[100:00] what is 100 minutes", None),
        ("[1:75] x", None),
    ]


def test_a_heading_is_never_a_card_whatever_its_words():
    notes = "# Lessons :: the title of a course\n\n## 08:08 f :: g, the chain rule\n\n- [08:10] a :: b\n"
    assert [(card.front, card.back) for card in parse_cards(notes, "l")] == [("a", "b")]
