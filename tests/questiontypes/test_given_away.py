"""A hint that holds an accepted answer gives it away: compared as the player compares answers
(numbers as numbers, "7,0" is 7; texts without case and extra spaces, as whole words; every
language's answers, since the player accepts them all). Types whose answer is picked have none."""

from __future__ import annotations

import pytest

from builder.model import Option, Question
from builder.questiontypes import TYPES, get

SEVEN = Question(id="n", type="numeric", prompt={}, feedback={}, correct=7, tolerance=0)
AROUND_FIVE = Question(id="m", type="numeric", prompt={}, feedback={}, correct=5, tolerance=0.5)
WORDS = Question(id="w", type="fill-in", prompt={}, feedback={},
                 answers={"en": ("confidentiality", "trust"), "de": ("Vertrauen",)})


@pytest.mark.parametrize("question, hint, found", [
    (SEVEN, "There are 7.", "7"),
    (SEVEN, "Es sind 7,0 Partner.", "7,0"),
    (SEVEN, "Between 6 and 8.", None),
    (SEVEN, "seven partners", None),  # the player accepts no number words
    (SEVEN, "1.7 or 17 or 70", None),
    (SEVEN, "-7", None),
    (AROUND_FIVE, "about 5.4", "5.4"),
    (AROUND_FIVE, "not 5.6", None),
    (WORDS, "Think of   TRUST.", "trust"),
    (WORDS, "Vertrauen ist gut.", "Vertrauen"),  # another language's answer is accepted too
    (WORDS, "trustworthy people", None),
    (WORDS, "honesty and …", None),
])
def test_an_accepted_answer_in_a_hint_is_found_as_the_player_compares(question, hint, found):
    assert get(question.type).given_away(question, hint) == found


def test_a_picked_answer_has_nothing_typed_to_give_away():
    choice = Question(id="c", type="single-choice", prompt={}, feedback={},
                      choices=(Option("blue", {"en": "Blue"}, correct=True), Option("red", {"en": "Red"})))
    assert get("single-choice").given_away(choice, "Blue, of course.") is None
    assert {name for name, t in TYPES.items() if type(t).given_away is not type(TYPES["likert"]).given_away} == {
        "fill-in", "numeric"}
