"""SCORM 1.2 responses as Moodle shows them (ids, letters, "1.a,2.b") back into the unit's words.

The letters and digits are the ones `targets.scorm12.scorm_response` makes: options in authored
order from "a", matching sources from "1". So the unit's sources, in the package's language,
give every text back. A response that does not fit its question (a letter past the last option)
is an error, not a guess: the file came from another version of the unit.
"""

from __future__ import annotations

import re

from .model import Question, Unit
from .render import catalog_or_english
from .targets.scorm12 import LETTERS, correct_pattern

CUT = re.compile(r"…\[\+(\d+)\]\Z")  # what tracker-scorm12.js appends when a text did not fit 255 characters
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


class NoFit(ValueError):
    """A response that the unit's question cannot have produced."""


def _letters(q: Question, text: str, options: int) -> list[int]:
    parts = text.split(",") if text else []
    if not parts or any(len(p) != 1 or p not in LETTERS[:options] for p in parts):
        raise NoFit(f"{text!r} is not letters a–{LETTERS[options - 1]} (the {options} options of {q.id})")
    return [LETTERS.index(p) for p in parts]


def words(q: Question, response: str, lang: str) -> str:
    """The response as the learner saw it. Raises NoFit for what the question cannot produce."""
    texts = [c.text.get(lang, c.id) for c in q.choices]
    if q.type == "true-false":
        if response not in ("t", "f"):
            raise NoFit(f"{response!r} is not t or f")
        labels = catalog_or_english(lang)
        return labels["label_true"] if response == "t" else labels["label_false"]
    if q.type in ("single-choice", "likert"):
        picked = _letters(q, response, len(texts))
        if len(picked) != 1:
            raise NoFit(f"{response!r} is more than one option")
        return texts[picked[0]]
    if q.type == "multiple-choice":
        return "; ".join(texts[i] for i in _letters(q, response, len(texts)))
    if q.type == "sequencing":
        return " → ".join(texts[i] for i in _letters(q, response, len(texts)))
    if q.type == "matching":
        targets = [t.text.get(lang, t.id) for t in q.targets]
        pairs = []
        for part in response.split(","):
            m = re.fullmatch(r"(\d+)\.([a-z])", part)
            if not m or not 1 <= int(m.group(1)) <= len(texts) or m.group(2) not in LETTERS[:len(targets)]:
                raise NoFit(f"{part!r} is not a pair like 1.a of {q.id}'s {len(texts)} items and {len(targets)} answers")
            pairs.append(f"{texts[int(m.group(1)) - 1]} → {targets[LETTERS.index(m.group(2))]}")
        return "; ".join(pairs)
    if q.type == "numeric":
        if not NUMBER.fullmatch(response):
            raise NoFit(f"{response!r} is not a number")
        return response
    return response  # fill-in, free text: the learner's own words


def cut_of(q: Question, response: str) -> int:
    """How many characters of a free text did not fit in the interaction (0: it is whole)."""
    m = CUT.search(response) if q.type in ("free-text", "fill-in") else None
    return int(m.group(1)) if m else 0


def judge(q: Question, response: str, lang: str) -> bool | None:
    """Right or wrong, judged as the package judges, for downloads without Moodle's Result column."""
    if not q.scored:
        return None
    if q.type == "fill-in":
        return response.strip().casefold() in {a.strip().casefold() for a in q.answers.get(lang, ())}
    if q.type == "numeric":
        try:
            return abs(float(response) - float(q.correct)) <= q.tolerance
        except ValueError:
            return False
    if q.type == "multiple-choice":
        return sorted(response.split(",")) == sorted((correct_pattern(q, lang) or "").split(","))
    return response == correct_pattern(q, lang)


def fits(q: Question, response: str, lang: str) -> bool:
    try:
        words(q, response, lang)
    except NoFit:
        return False
    return q.type not in ("fill-in", "free-text") or response != ""


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
            odd = 0.5 if q.type in ("fill-in", "free-text") and STRUCTURED.fullmatch(response) else 0.0
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
