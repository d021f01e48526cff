"""Generated units: realistic shape (pages, every question type, two languages), any size."""

from __future__ import annotations

from pathlib import Path

import yaml

TYPES = ["true-false", "single-choice", "multiple-choice", "matching", "sequencing", "fill-in", "numeric",
         "likert", "free-text"]
LANGS = ("en", "de")
WORDS = {"en": "mentor mentee support goal trust skill network guidance", "de": "Mentor Mentee Hilfe Ziel Vertrauen Fähigkeit Netz Führung"}


def _text(lang: str, n: int, words: int = 6) -> str:
    vocab = WORDS[lang].split()
    return " ".join(vocab[(n + i) % len(vocab)] for i in range(words)).capitalize() + f" {n}"


def _both(n: int, words: int = 6) -> dict:
    return {lang: _text(lang, n, words) for lang in LANGS}


def _options(prefix: str, count: int, n: int, **extra) -> list:
    return [{"id": f"{prefix}{i}", "text": _both(n + i, 4), **extra} for i in range(count)]


def question(qid: str, qtype: str, n: int) -> dict:
    q = {"id": qid, "type": qtype, "prompt": _both(n, 12)}
    if qtype == "true-false":
        q["correct"] = n % 2 == 0
    elif qtype in ("single-choice", "multiple-choice"):
        q["choices"] = _options("c", 4, n)
        q["choices"][1]["correct"] = True
        if qtype == "multiple-choice":
            q["choices"][3]["correct"] = True
    elif qtype == "matching":
        q["targets"] = _options("t", 4, n)
        q["sources"] = [{"id": f"s{i}", "text": _both(n + i, 3), "match": f"t{(i + 1) % 4}"} for i in range(3)]
    elif qtype == "sequencing":
        q["items"] = _options("i", 5, n)
    elif qtype == "fill-in":
        q["answers"] = {lang: [_text(lang, n, 1)] for lang in LANGS}
    elif qtype == "numeric":
        q["correct"] = n
    elif qtype == "likert":
        q["scale"] = _options("l", 5, n)
    if qtype in ("likert", "free-text"):
        q["feedback"] = {"neutral": _both(n + 1)}
    else:
        q["feedback"] = {"correct": _both(n + 1), "wrong": _both(n + 2, 20)}
    return q


def generate_unit(folder: Path, unit_id: str = "generated", pages: int = 10, questions: int = 12,
                  types: list[str] = TYPES) -> Path:
    """Write a valid unit with `pages` pages and `questions` questions cycling through `types`."""
    unit = Path(folder) / unit_id
    unit.mkdir(parents=True, exist_ok=True)
    meta = {"id": unit_id, "version": "1.0.0", "languages": list(LANGS), "title": _both(1, 4),
            "description": _both(2, 15), "objectives": [_both(3), _both(4)], "duration_minutes": 45,
            "mastery_score": 75, "xapi_base": f"https://example.org/units/{unit_id}"}
    (unit / "unit.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    qs = [question(f"q{n:03d}-{TYPES.index(t)}", t, n) for n, t in
          ((n, types[n % len(types)]) for n in range(questions))]
    (unit / "questions.yaml").write_text(yaml.safe_dump(qs, allow_unicode=True, sort_keys=False), "utf-8")
    for lang in LANGS:
        lines = []
        for p in range(pages):
            lines += [f"# {_text(lang, p, 3)} {{#page-{p}}}", "", _text(lang, p, 60) + ".", "",
                      f"## {_text(lang, p + 1, 2)}", "", f"- {_text(lang, p, 8)}", f"- {_text(lang, p + 2, 8)}", ""]
            lines += [f"[question: {q['id']}]" for i, q in enumerate(qs) if i % pages == p] + [""]
        (unit / f"{lang}.md").write_text("\n".join(lines), "utf-8")
    return unit
