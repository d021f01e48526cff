"""SCORM 1.2 responses as Moodle shows them (ids, letters, "1.a,2.b") back into the unit's words.

The letters and digits are those of the SCORM 1.2 notation (questiontypes/notation.py): options in
authored order from "a", matching sources from "1". So the unit's sources, in the package's
language, give every text back. A response that does not fit its question (a letter past the last
option) is an error, not a guess: the file came from another version of the unit.
"""

from __future__ import annotations

import re

from ..load.catalogs import catalog_or_english
from ..model import Question, Unit
from ..questiontypes import get
from ..questiontypes.notation import notation, parse


class NoFit(ValueError):
    """A response that the unit's question cannot have produced."""


def labels(lang: str) -> dict:
    return catalog_or_english(lang)


def parts_of(q: Question, response: str, lang: str) -> list:
    """The response as parts (docs/question-types.md). Raises NoFit for what the question cannot produce."""
    try:
        return parse(notation(q, "scorm12", lang), response)
    except ValueError as e:
        raise NoFit(f"{e} (question {q.id})") from None


def words(q: Question, response: str, lang: str) -> str:
    """The response as the learner saw it. Raises NoFit for what the question cannot produce."""
    try:
        return get(q.type).words(q, parts_of(q, response, lang), lang, labels(lang))
    except NoFit:
        raise
    except ValueError as e:
        raise NoFit(f"{response!r}: {e}") from None


def cut_of(q: Question, response: str) -> int:
    """How many characters of a free text did not fit in the interaction (0: it is whole)."""
    return get(q.type).cut(response)


def judge(q: Question, response: str, lang: str) -> bool | None:
    """Right or wrong, judged as the package judges, for downloads without Moodle's Result column."""
    if not q.scored:
        return None
    try:
        parts = parts_of(q, response, lang)
    except NoFit:
        return False
    return get(q.type).judge(q, parts, lang)


def fits(q: Question, response: str, lang: str) -> bool:
    try:
        words(q, response, lang)
    except NoFit:
        return False
    return get(q.type).answered(q, parts_of(q, response, lang))


STRUCTURED = re.compile(r"[a-z](,[a-z])*|\d+\.[a-z](,\d+\.[a-z])*|[+-]?\d+(\.\d+)?")


def align(unit: Unit, responses: list[str], lang: str) -> list[str]:
    """Question ids for responses that came without them (Moodle's default Interactions columns).

    The package numbers interactions in the order they were answered. A learner goes through the
    unit's questions in order, may skip some, and may go back and answer again (a new index).
    So this picks the reading with the fewest going-backs, then the fewest free texts that look
    like letters or numbers. Raises NoFit when no question of the unit fits a response."""
    questions = list(unit.questions.values())
    inf = float("inf")
    # cost[p]: least cost of reading responses[:i+1] with response i answering question p
    cost, back = [0.0] * len(questions), []
    for i, response in enumerate(responses):
        new = [inf] * len(questions)
        step = [-1] * len(questions)
        # best earlier question before p (going on) and from p on (going back): O(questions) per response
        ahead, behind = _best_prefix(cost), _best_suffix(cost)
        for p, q in enumerate(questions):
            if not fits(q, response, lang):
                continue
            odd = 0.5 if get(q.type).open and STRUCTURED.fullmatch(response) else 0.0
            if i == 0:
                new[p], step[p] = odd, -1
                continue
            for total, before in (ahead[p], (behind[p][0] + 1.0, behind[p][1])):
                if before >= 0 and total + odd < new[p]:
                    new[p], step[p] = total + odd, before
        if min(new) == inf:
            raise NoFit(f"interaction {i} ({response!r}) fits none of the questions of {unit.id} {unit.version} "
                        f"in {lang}")
        cost = new
        back.append(step)
    p = min(range(len(questions)), key=lambda k: cost[k])
    chosen = []
    for step in reversed(back):
        chosen.append(questions[p].id)
        p = step[p]
    return chosen[::-1]


def _best_prefix(cost: list[float]) -> list[tuple[float, int]]:
    """For each p: (least cost, its index) among cost[:p]; (inf, -1) for none."""
    out, best = [], (float("inf"), -1)
    for p, c in enumerate(cost):
        out.append(best)
        if c < best[0]:
            best = (c, p)
    return out


def _best_suffix(cost: list[float]) -> list[tuple[float, int]]:
    """For each p: (least cost, its index) among cost[p:]."""
    out, best = [(float("inf"), -1)] * len(cost), (float("inf"), -1)
    for p in range(len(cost) - 1, -1, -1):
        if cost[p] <= best[0]:
            best = (cost[p], p)
        out[p] = best
    return out
