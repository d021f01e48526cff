"""What the properties draw: the hypothesis profiles (ci, nightly), YAML-ish noise, Markdown noise,
and units an author could plausibly write (right, or wrong in one place)."""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.support.tiny import TINY

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

KEYS = ["id", "type", "prompt", "feedback", "choices", "sources", "targets", "items", "scale", "answers",
        "correct", "match", "text", "en", "de", "weight", "tolerance", "max_length", "wrong", "neutral",
        "languages", "mastery_score", "title", "version", "completion", "xapi_base", "objectives"]
TYPES = ["true-false", "single-choice", "multiple-choice", "matching", "sequencing", "fill-in", "numeric",
         "likert", "free-text", "essay"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 200), st.floats(allow_nan=True),
                    st.sampled_from(TYPES + KEYS + ["", "en", "de", "a", "b"]), st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)), max_leaves=30)
markdown_chars = st.sampled_from(list("#{}[]:`~!()*_-\n \tabcx") + ["question", "{#a}", "{#welcome}", "{#check}",
                                                                   "[question: colour]", "\n# ", "```"])
markdown = st.lists(markdown_chars, max_size=80).map("".join)


# ---- Units an author could plausibly write: what loads must be whole ----
# The properties above feed the loader noise, which it nearly always refuses. These draw small
# units that are right, or wrong in exactly one place (a text missing in one language, a question
# placed twice or nowhere, an id used twice, a page without a body, an empty file): a right one
# loads and is whole, a wrong one is refused with a problem that says what and how to fix it.

LANG_SETS = [("en",), ("en", "de")]
FLAWS = ["none"] * 8 + ["text-missing", "text-empty", "question-id-twice", "option-id-twice", "placed-twice",
                        "not-placed", "placed-unknown", "page-id-twice", "empty-page", "languages-differ",
                        "empty-questions-file", "match-unknown"]
EMPTY_FILES = ("", "\n\n", "# nothing yet\n")
LOADED: list[int] = []  # examples the loader accepted: the property must not pass by refusing all


def _texts(langs, what):
    return {lang: f"{what} ({lang})" for lang in langs}


def _question(kind, langs, qid):
    q = {"id": qid, "type": kind, "prompt": _texts(langs, f"prompt of {qid}")}
    if kind == "single-choice":
        q["choices"] = [{"id": "a", "text": _texts(langs, "A"), "correct": True}, {"id": "b", "text": _texts(langs, "B")}]
    elif kind == "true-false":
        q["correct"] = True
    elif kind == "fill-in":
        q["answers"] = {lang: [f"word {lang}"] for lang in langs}
    elif kind == "matching":
        q["sources"] = [{"id": "s1", "text": _texts(langs, "S1"), "match": "t1"},
                        {"id": "s2", "text": _texts(langs, "S2"), "match": "t2"}]
        q["targets"] = [{"id": "t1", "text": _texts(langs, "T1")}, {"id": "t2", "text": _texts(langs, "T2")}]
    if kind != "free-text":
        q["feedback"] = {"correct": _texts(langs, "Because of this"), "wrong": _texts(langs, "Read page one")}
    return q


def _text_maps(unit, questions):
    maps = [unit["title"], unit["description"], *unit["objectives"]]
    for q in questions:
        maps += [q["prompt"], *q.get("feedback", {}).values()]
        maps += [o["text"] for o in q.get("choices", []) + q.get("sources", []) + q.get("targets", [])]
    return maps


@st.composite
def plausible_units(draw):
    """(files {name: content}, languages, flaw) of a small unit, right or wrong in one place."""
    langs = draw(st.sampled_from(LANG_SETS))
    kinds = draw(st.lists(st.sampled_from(["single-choice", "true-false", "free-text", "fill-in", "matching"]),
                          max_size=3))
    questions = [_question(kind, langs, f"q-{n}") for n, kind in enumerate(kinds)]
    pages = [{"id": f"p-{n}", "text": True, "questions": []} for n in range(draw(st.integers(1, 3)))]
    for q in questions:
        draw(st.sampled_from(pages))["questions"].append(q["id"])
    unit = yaml.safe_load((TINY / "unit.yaml").read_text())
    unit.update(languages=list(langs), title=_texts(langs, "title"), description=_texts(langs, "about"),
                objectives=[_texts(langs, "objective")])
    flaw = draw(st.sampled_from(FLAWS))
    placed = [p for p in pages if p["questions"]]
    choosing = [q for q in questions if "choices" in q]
    matching = [q for q in questions if "sources" in q]
    if flaw in ("text-missing", "text-empty"):
        texts = draw(st.sampled_from(_text_maps(unit, questions)))
        lang = draw(st.sampled_from(langs))
        if flaw == "text-empty":
            texts[lang] = ""
        else:
            del texts[lang]
    elif flaw == "question-id-twice" and len(questions) > 1:
        questions[-1]["id"] = questions[0]["id"]
    elif flaw == "option-id-twice" and choosing:
        choosing[0]["choices"][1]["id"] = "a"
    elif flaw == "placed-twice" and placed:
        draw(st.sampled_from(pages))["questions"].append(placed[0]["questions"][0])
    elif flaw == "not-placed" and placed:
        placed[0]["questions"].pop()
    elif flaw == "placed-unknown":
        draw(st.sampled_from(pages))["questions"].append("q-unknown")
    elif flaw == "page-id-twice":
        pages.append({"id": pages[0]["id"], "text": True, "questions": []})
    elif flaw == "empty-page":
        pages.append({"id": "p-empty", "text": False, "questions": []})
    elif flaw == "match-unknown" and matching:
        matching[0]["sources"][1]["match"] = "t9"
    elif flaw not in ("languages-differ", "empty-questions-file") or flaw == "languages-differ" and len(langs) == 1:
        flaw = "none"  # this unit has nothing the flaw could apply to
    files = {"unit.yaml": yaml.safe_dump(unit, allow_unicode=True)}
    for n, lang in enumerate(langs):
        parts = []
        for page in pages:
            parts.append(f"# Page {page['id']} {lang} {{#{page['id']}}}\n")
            if page["text"]:
                parts.append("Words.\n")
            parts += [f"[question: {qid}]\n" for qid in page["questions"]]
        if n and flaw == "languages-differ":
            parts = parts[:-1]  # the other language lacks the last line: a placement or a whole page
        files[f"{lang}.md"] = "\n".join(parts)
    files["questions.yaml"] = (draw(st.sampled_from(EMPTY_FILES)) if flaw == "empty-questions-file"
                               else yaml.safe_dump(questions, allow_unicode=True))
    return files, langs, flaw
