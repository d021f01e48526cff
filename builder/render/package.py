"""Model -> the files of one package in one language (HTML, runtime, media).

Rendering decides layout only; scoring lives in the runtime, manifests in the targets.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import PurePosixPath

from .. import ASSETS
from ..load.catalogs import catalog
from ..model import Question, Unit
from ..questiontypes import get
from .markdown import Figure, to_html
from .runtime import join, player_script, tracker_script
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


def runtime_question(q: Question, lang: str, default_attempts: int = 2) -> dict:
    """What the runtime needs to score, track and give feedback for one question."""
    data: dict = {"type": q.type, "scored": q.scored, "weight": q.weight, "mark": question_mark(q),
                  "feedback": {k: v[lang] for k, v in q.feedback.items()}}
    if q.scored:
        data["attempts"] = q.attempts or default_attempts
    if q.choices:  # in authored order: standards that number options (SCORM 1.2 letters) count from here
        data["options"] = [c.id for c in q.choices]
    if q.targets:
        data["targets"] = [t.id for t in q.targets]
    data.update(get(q.type).runtime(q, lang))
    return data


def runtime_data(unit: Unit, lang: str, tracker_config: dict) -> dict:
    return {
        "unit": {"id": unit.id, "version": unit.version, "title": unit.title[lang],
                 "masteryScore": unit.mastery_score, "completion": unit.completion,
                 "scoring": unit.scoring, "retakes": unit.retakes},
        "lang": lang,
        "pages": [p.id for p in unit.pages],
        "questions": {qid: runtime_question(q, lang, unit.attempts) for qid, q in unit.questions.items()},
        "ui": {k: v for k, v in catalog(lang).items() if k != "side_file"},
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
                narrow = f"media/{PurePosixPath(image.name).with_name(image.narrow.name)}"
                media[narrow] = image.narrow.read_bytes()
            text = to_html(image.text.read_text("utf-8"), {}) if image.text else None
            image_urls[image.name] = Figure(f"media/{image.name}", narrow, text)
        blocks = [("html", to_html(value, image_urls, catalog(lang)["figure_text"])) if kind == "markdown"
                  else ("question", unit.questions[value])
                  for kind, value in page.blocks[lang]]
        pages.append({"id": page.id, "title": page.title[lang], "blocks": blocks})
    return pages, media


def render_package(unit: Unit, lang: str, tracker: str, tracker_config: dict | None = None,
                   content: tuple[list[dict], Files] | None = None, runtime: tuple[str, ...] = ()) -> Files:
    """All files of a package but its manifest; `tracker` names the runtime adapter, `runtime`
    the assets/runtime files it is made of (the target's `runtime`).

    `content` is render_content(unit, lang), when the caller already has it."""
    pages, media = content or render_content(unit, lang)
    files: Files = dict(media)
    html = render_index(unit, lang, pages, tracker, runtime_data(unit, lang, tracker_config or {}))
    files["index.html"] = html.encode("utf-8")
    files.update(player_files(tracker, runtime))
    return files


def render_index(unit: Unit, lang: str, pages: list[dict], tracker: str, data: dict,
                 bundle: list[dict] | None = None, choices: list[dict] | None = None) -> str:
    """index.html: one language's screen, or (bundle) each language's in a <template>."""
    return template("player.html").render(
        unit=unit, lang=lang, ui=catalog(lang), pages=pages, tracker=tracker, bundle=bundle, choices=choices,
        display_order=display_order, numbers={qid: i for i, qid in enumerate(unit.questions, start=1)}, data=data,
    )


def player_files(tracker: str, runtime: tuple[str, ...], extra: tuple[str, ...] = ()) -> Files:
    """The player's own files: its style, scripts (`extra`: more assets/runtime files) and adapter."""
    files: Files = {}
    files["player/player.css"] = _asset("css/player.css")
    files["player/player.js"] = player_script()
    for name in extra:  # separate scripts, before the player (a bundle's player/languages.js)
        files[f"player/{PurePosixPath(name).name}"] = join((name,))
    files[f"player/tracker-{tracker}.js"] = tracker_script(runtime)
    return files


@lru_cache(maxsize=None)
def _asset(name: str) -> bytes:
    return (ASSETS / name).read_bytes()
