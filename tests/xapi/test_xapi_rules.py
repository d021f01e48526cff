"""xAPI: one scoring truth. What the learner is told, what the statement says and what the
published correctResponsesPattern gives agree on every response (case, spaces, other languages)."""

from __future__ import annotations

import uuid

import pytest

from tests.support.player import ui
from tests.support.xapi_checks import rescore
from tests.support.xapi_session import (  # noqa: F401
    ERIKA,
    Session,
    every_statement_valid,
    in_order,
    launch_id,
    launch_url,
    lrs,
    site,
    sites,
    verb,
)

# (typed, normalised as sent): the fill-in "relationship-basis", en: confidentiality; de: Vertraulichkeit
TABLE = ["confidentiality", "CONFIDENTIALITY", "  confidentiality ", "Confidentiality\t", "confiden tiality",
         "Vertraulichkeit",  # the English package: the German word is no English answer
         "  vertraulichkeit ", "VERTRAULICHKEIT", "Vertraulichkeit\t", "confidentiality  ", "Vertrauen",
         "Vertraulich  keit"]  # the German package: nor the English word one of its answers


def question_page(unit, qid):
    return next(p.id for p in unit.pages if qid in p.questions)


EXPECTED = [True] * 4 + [False] * 2 + [True] * 3 + [False] * 3  # a package takes its own language's answers only
SHARE = {"en": slice(0, 6), "de": slice(6, 12)}  # each response is a first try of its own launch


@pytest.mark.parametrize("lang", ["en", "de"])
def test_fill_in_pattern_and_player_agree_on_a_table_of_responses(browser, sites, lrs, seed_unit, lang):
    unit, q = seed_unit, seed_unit.questions["relationship-basis"]
    table, told, answered = TABLE[SHARE[lang]], [], []
    for typed in table:
        registration = str(uuid.uuid4())
        session = Session(browser, launch_url(sites[lang], lrs.endpoint, lrs.auth, ERIKA, registration,
                                              launch_id(unit, lang)), unit, lang)
        while session.learner.current_page() != question_page(unit, q.id):
            session.learner.next()
        told.append(session.learner.answer(q, typed).startswith(ui(lang)["correct"]))
        session.settled()
        session.context.close()
        answered += [s for s in in_order(lrs.statements(ERIKA, registration))
                     if verb(s) == "answered" and s["object"]["id"].endswith("/" + q.id)]
    assert len(answered) == len(table)
    sent = [s["result"]["response"] for s in answered]
    assert sent == [" ".join(t.split()) for t in table]  # trimmed, one space for a run
    success = [s["result"]["success"] for s in answered]
    again = [rescore(s["object"]["definition"], s["result"]["response"]) for s in answered]
    assert told == success == again == EXPECTED[SHARE[lang]]
