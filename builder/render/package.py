"""Model -> the files of one package in one language (HTML, runtime, media).

Rendering decides layout only; scoring lives in the runtime, manifests in the targets.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import PurePosixPath

from ..load.catalogs import texts
from ..model import Question, Unit
from ..questiontypes import get
from .markdown import Figure, package_url, to_html
from .runtime import inline, join, player_script, player_style, tracker_script
from .templates import template

Files = dict[str, bytes]  # path inside the package -> content


def display_order(question: Question) -> list:
    """The options in the order the form shows them (sequencing: shuffled): the type says."""
    return get(question.type).display_order(question)


MARK_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
MARK_LENGTH = 4  # characters: 36**4 (1.7 million) values; docs/suspend-data.md


def question_mark(q: Question) -> str:
    """A short fingerprint of what a stored answer depends on: id, type, options and targets in order.

    A bookmark keeps it beside each answer, so that after the unit changes an answer is only
    restored onto the same question with the same options (docs/suspend-data.md)."""
    shape = [q.id, q.type, [c.id for c in q.choices], [t.id for t in q.targets or ()]]
    value = int.from_bytes(hashlib.sha256(json.dumps(shape).encode("utf-8")).digest()[:8], "big")
    digits = ""
    for _ in range(MARK_LENGTH):
        value, rest = divmod(value, len(MARK_DIGITS))
        digits += MARK_DIGITS[rest]
    return digits


def runtime_question(q: Question, lang: str, default_attempts: int = 2, languages: tuple[str, ...] = ()) -> dict:
    """What the runtime needs to score, track and give feedback for one question, shown in `lang`
    in a package of `languages` (a bundle's; a package of one language: empty or just lang)."""
    data: dict = {"type": q.type, "scored": q.scored, "weight": q.weight, "mark": question_mark(q),
                  "feedback": {k: v[lang] for k, v in q.feedback.items()}}
    if q.scored:
        data["attempts"] = q.attempts or default_attempts
    if q.choices:  # in authored order: standards that number options (SCORM 1.2 letters) count from here
        data["options"] = [c.id for c in q.choices]
    if q.targets:
        data["targets"] = [t.id for t in q.targets]
    data.update(get(q.type).runtime(q, lang, tuple(languages) or (lang,)))
    return data


def runtime_data(unit: Unit, lang: str, tracker_config: dict, languages: tuple[str, ...] = ()) -> dict:
    """The runtime's data for `lang`; `languages`: a bundle's languages (empty: a package of lang)."""
    return {
        "unit": {"id": unit.id, "version": unit.version, "title": unit.title[lang],
                 "masteryScore": unit.mastery_score, "completion": unit.completion,
                 "scoring": unit.scoring, "retakes": unit.retakes},
        "lang": lang,
        "pages": [p.id for p in unit.pages],
        "questions": {qid: runtime_question(q, lang, unit.attempts, languages) for qid, q in unit.questions.items()},
        "ui": {k: v for k, v in texts(unit, lang).items() if k not in ("side_file", "print")},
        "tracker": tracker_config,
    }


def render_content(unit: Unit, lang: str) -> tuple[list[dict], Files]:
    """The pages of one language as HTML blocks, and the media they use: the same for every target."""
    media: Files = {}
    image_urls: dict[str, Figure] = {}
    pages = []
    for page in unit.pages:
        for image in page.images[lang]:
            media[f"media/{image.name}"] = image.source.read_bytes()
            narrow = None
            if image.narrow:
                narrow_name = str(PurePosixPath(image.name).with_name(image.narrow.name))
                media[f"media/{narrow_name}"] = image.narrow.read_bytes()
                narrow = package_url(narrow_name)
            text = to_html(image.text.read_text("utf-8"), {}) if image.text else None
            image_urls[image.name] = Figure(package_url(image.name), narrow, text)
        for linked in page.files.get(lang, ()):
            media[f"media/{linked.name}"] = linked.source.read_bytes()
        blocks = [("html", to_html(value, image_urls, texts(unit, lang)["figure_text"])) if kind == "markdown"
                  else ("question", unit.questions[value])
                  for kind, value in page.blocks[lang]]
        pages.append({"id": page.id, "title": page.title[lang], "blocks": blocks})
    return pages, media


def render_package(unit: Unit, lang: str, tracker_config: dict | None = None,
                   content: tuple[list[dict], Files] | None = None, runtime: tuple[str, ...] = ()) -> Files:
    """All files of a package but its manifest: index.html (with style and scripts in it) and the
    media; `runtime` names the assets/runtime files of its adapter (the target's `runtime`).

    `content` is render_content(unit, lang), when the caller already has it."""
    pages, media = content or render_content(unit, lang)
    files: Files = dict(media)
    html = render_index(unit, lang, pages, runtime_data(unit, lang, tracker_config or {}), player_scripts(runtime))
    files["index.html"] = html.encode("utf-8")
    return files


def render_index(unit: Unit, lang: str, pages: list[dict], data: dict, scripts: tuple[str, ...],
                 bundle: list[dict] | None = None, choices: list[dict] | None = None,
                 first_look: dict | None = None) -> str:
    """index.html: the style, `lang`'s screen, the runtime data and `scripts`, all in one file.

    A bundle adds the other languages' screens, each in an inert <template> (`bundle`), and what
    player/language-guess.js needs in <head> (`first_look`)."""
    return template("player.html").render(
        unit=unit, lang=lang, ui=texts(unit, lang), pages=pages, bundle=bundle, choices=choices,
        display_order=display_order, numbers={qid: i for i, qid in enumerate(unit.questions, start=1)}, data=data,
        style=inline(player_style(), "assets/css/player.css"), scripts=scripts, first_look=first_look,
        guess_script=inline(join(("player/language-guess.js",)), "player/language-guess.js") if first_look else "",
    )


@lru_cache(maxsize=None)
def player_scripts(runtime: tuple[str, ...], extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The scripts index.html runs after the screen, in order: the adapter (`runtime`: its
    assets/runtime files), `extra` (more assets/runtime files: a bundle's player/languages.js),
    then the player. Separate <script> elements, as separate files were: one failing stops no other."""
    return (inline(tracker_script(runtime), "the adapter " + " + ".join(runtime)),
            *(inline(join((name,)), name) for name in extra),
            inline(player_script(), "the player"))
