"""`qser new question TYPE`: a ready-to-edit questions.yaml block in the unit's languages.

Each block is a valid question as it stands (its texts are placeholders), so an author
pastes it, runs `qser check` and then replaces the words.
"""

from __future__ import annotations

from .model import QUESTION_TYPES

# The type-specific part, with {t:KEY} where a text per language goes.
_BODIES = {
    "true-false": "  correct: true\n",
    "single-choice": ("  choices:\n"
                      "    - id: first\n      text: {t:choice1}\n      correct: true\n"
                      "    - id: second\n      text: {t:choice2}\n"),
    "multiple-choice": ("  choices:\n"
                        "    - id: first\n      text: {t:choice1}\n      correct: true\n"
                        "    - id: second\n      text: {t:choice2}\n      correct: true\n"
                        "    - id: third\n      text: {t:choice3}\n"),
    "matching": ("  sources:\n"
                 "    - id: one\n      text: {t:source1}\n      match: first\n"
                 "    - id: two\n      text: {t:source2}\n      match: second\n"
                 "  targets:\n"
                 "    - id: first\n      text: {t:target1}\n"
                 "    - id: second\n      text: {t:target2}\n"),
    "sequencing": ("  items:    # in the right order; learners see them shuffled\n"
                   "    - id: first\n      text: {t:step1}\n"
                   "    - id: second\n      text: {t:step2}\n"
                   "    - id: third\n      text: {t:step3}\n"),
    "fill-in": "  answers:  # accepted answers per language; case does not matter\n{answers}",
    "numeric": "  correct: 7\n  tolerance: 0\n",
    "likert": ("  scale:\n"
               "    - id: disagree\n      text: {t:disagree}\n"
               "    - id: neutral\n      text: {t:neutral}\n"
               "    - id: agree\n      text: {t:agree}\n"),
    "free-text": "  max_length: 2000\n",
}

_WORDS = {
    "en": {"prompt": "Your question?", "correct": "Why this answer is right.",
           "wrong": "A hint where to look, not the answer.", "reveal": "What the right answer is, and why.",
           "neutral": "Thank you for your thoughts.",
           "choice1": "An answer", "choice2": "Another answer", "choice3": "A third answer",
           "source1": "One", "source2": "Two", "target1": "First", "target2": "Second",
           "step1": "First step", "step2": "Second step", "step3": "Third step",
           "disagree": "Disagree", "neutral_point": "Neither", "agree": "Agree", "answer": "answer"},
    "de": {"prompt": "Ihre Frage?", "correct": "Warum diese Antwort stimmt.",
           "wrong": "Ein Hinweis, wo es steht, nicht die Antwort.", "reveal": "Was die richtige Antwort ist, und warum.",
           "neutral": "Danke für Ihre Gedanken.",
           "choice1": "Eine Antwort", "choice2": "Eine andere Antwort", "choice3": "Eine dritte Antwort",
           "source1": "Eins", "source2": "Zwei", "target1": "Erstes", "target2": "Zweites",
           "step1": "Erster Schritt", "step2": "Zweiter Schritt", "step3": "Dritter Schritt",
           "disagree": "Stimme nicht zu", "neutral_point": "Weder noch", "agree": "Stimme zu", "answer": "Antwort"},
}


def _text(key: str, languages: list[str]) -> str:
    if key == "neutral":
        key = "neutral_point"
    parts = [f"{lang}: {_WORDS.get(lang, {}).get(key) or _WORDS['en'][key] + ' (' + lang + ')'}" for lang in languages]
    return "{" + ", ".join(parts) + "}"


def question_snippet(qtype: str, languages: list[str], qid: str = "new-question") -> str:
    if qtype not in QUESTION_TYPES:
        raise ValueError(qtype)
    body = _BODIES[qtype]
    body = body.replace("{answers}", "".join(f"    {lang}: [{_WORDS.get(lang, _WORDS['en'])['answer']}]\n"
                                             for lang in languages))
    for key in ("choice1", "choice2", "choice3", "source1", "source2", "target1", "target2",
                "step1", "step2", "step3", "disagree", "neutral", "agree"):
        body = body.replace("{t:" + key + "}", _text(key, languages))
    lines = [f"- id: {qid}", f"  type: {qtype}", "  prompt:"]
    lines += [f"    {lang}: {_WORDS.get(lang, _WORDS['en'])['prompt']}" for lang in languages]
    text = "\n".join(lines) + "\n" + body
    kinds = ("correct", "wrong", "reveal") if QUESTION_TYPES[qtype] else ("neutral",)
    text += "  feedback:\n"
    for kind in kinds:
        text += f"    {kind}:\n" + "".join(f"      {lang}: {_WORDS.get(lang, _WORDS['en'])[kind]}\n" for lang in languages)
    return text
