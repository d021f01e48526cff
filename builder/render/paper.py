"""The model as one printable HTML document: a learner's handout or a trainer's edition.

The pdf target (targets/pdf.py) typesets it with WeasyPrint. Figures are referred to as
`qser-media:<name>` and served from `paper_media()` alone, so nothing but the unit's own
media can enter the document. The trainer's edition adds, per question, the right answer,
the explanation and how it is scored, and a one-page session plan from the unit's data.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from html import escape
from pathlib import Path

from lxml import etree

from ..errors import Problem, display_path
from ..load.catalogs import texts
from ..model import Image, Question, Unit
from ..questiontypes import get
from ..questiontypes.base import paper_letter
from ..questiontypes.notation import number
from .markdown import Figure, to_html
from .package import Files, display_order
from .templates import template

EDITIONS = ("handout", "trainer")
MEDIA_SCHEME = "qser-media:"

#: A4 with the margins of templates/pdf/document.css, in CSS px (96 per inch): the room a figure has.
PRINT_WIDTH_PX = 170 / 25.4 * 96
PRINT_HEIGHT_PX = 200 / 25.4 * 96
#: A figure shrunk below half its size prints its 16 px labels at 6 pt: too small to read on paper.
READABLE_SCALE = 0.5

#: What the session plan's minutes are shared out by: reading the text and talking it through
#: (slower than reading alone), answering, discussing.
WORDS_PER_MINUTE = 60
MINUTES_PER_SCORED_QUESTION = 1.5
MINUTES_PER_DISCUSSION_QUESTION = 5


def paper_html(unit: Unit, lang: str, edition: str) -> str:
    """The whole document of one language and edition ("handout" or "trainer") as HTML."""
    ui = texts(unit, lang)
    text = ui["print"]
    numbers = {qid: i for i, qid in enumerate(unit.questions, start=1)}
    pages = []
    first_scored = next((q.id for q in unit.questions.values() if q.scored), None)
    unreadable = {image.name for image in unreadable_figures(unit, lang)}
    for page in unit.pages:
        figures = {image.name: _figure(image) for image in page.images[lang]}
        blocks = []
        for kind, value in page.blocks[lang]:
            if kind == "markdown":
                html = to_html(value, figures, ui["figure_text"])
                for name in unreadable & set(figures):
                    html = _note_under(html, figures[name].url, text["no_text_version"])
                blocks.append(("html", html))
            else:
                blocks.append(("question", unit.questions[value]))
        pages.append({"id": page.id, "title": page.title[lang], "blocks": blocks,
                      "has_questions": bool(page.questions)})
    return template("pdf/document.html").render(
        unit=unit, lang=lang, edition=edition, ui=ui, text=text, pages=pages, numbers=numbers,
        first_scored=first_scored, display_order=display_order, plan=session_plan(unit, lang),
        key=lambda q: get(q.type).answer_key(q, lang, ui), explanation=lambda q: explanation(q, lang),
        plural=plural, footer=footer_css(unit, lang), letter=paper_letter, weight=number,
    )


def _note_under(html: str, url: str, note: str) -> str:
    """The figure showing `url` with `note` under it."""
    figure = re.compile(r'(<figure class="figure"><img src="%s"[^>]*>)(</figure>)' % re.escape(escape(url)))
    return figure.sub(lambda m: f'{m[1]}<p class="figure-note">{escape(note)}</p>{m[2]}', html)


def paper_media(unit: Unit, lang: str) -> Files:
    """The figures of one language, by the name the document's `qser-media:` addresses use."""
    return {image.name: image.source.read_bytes() for page in unit.pages for image in page.images[lang]}


def _figure(image: Image) -> Figure:
    """On paper a figure is its wide layout, with its text version always shown below it."""
    text = to_html(image.text.read_text("utf-8"), {}) if image.text else None
    return Figure(MEDIA_SCHEME + image.name, None, text)


def explanation(q: Question, lang: str) -> str:
    """What the trainer's edition says about the answer: the text the player shows once the
    answer is revealed, else its feedback for a right (or, unscored, any) answer."""
    for kind in ("reveal", "correct", "neutral"):
        if kind in q.feedback:
            return q.feedback[kind][lang]
    return ""


def plural(entry, n: int) -> str:
    """A catalog entry with `one`/`other` forms (or one text), with {n} filled in."""
    if isinstance(entry, dict):
        entry = entry["one"] if n == 1 else entry["other"]
    return entry.replace("{n}", str(n))


@dataclass(frozen=True)
class PlanRow:
    start: int
    end: int
    title: str
    activities: tuple[str, ...]


def session_plan(unit: Unit, lang: str) -> list[PlanRow]:
    """The unit's pages with suggested minutes: its duration shared out by each page's reading
    time and questions (largest remainders, so that the minutes add up to the duration)."""
    text = texts(unit, lang)["print"]
    weights, rows = [], []
    for page in unit.pages:
        words = sum(len(value.split()) for kind, value in page.blocks[lang] if kind == "markdown")
        questions = [unit.questions[q] for q in page.questions]
        scored = sum(q.scored for q in questions)
        discussed = len(questions) - scored
        weights.append(words / WORDS_PER_MINUTE + scored * MINUTES_PER_SCORED_QUESTION
                       + discussed * MINUTES_PER_DISCUSSION_QUESTION)
        activities = []
        if words and not questions:
            activities.append(text["plan_read"])
        if scored:
            activities.append(plural(text["plan_check"], scored))
        if discussed:
            activities.append(plural(text["plan_discuss"], discussed))
        rows.append((page.title[lang], tuple(activities)))
    minutes = _share(unit.duration_minutes, weights)
    plan, start = [], 0
    for (title, activities), length in zip(rows, minutes):
        plan.append(PlanRow(start, start + length, title, activities))
        start += length
    return plan


def _share(total: int, weights: list[float]) -> list[int]:
    """`total` whole minutes split in proportion to `weights`, at least one each where there are
    enough, adding up to `total` exactly."""
    floor = 1 if total >= len(weights) else 0
    rest = total - floor * len(weights)
    whole = sum(weights)
    exact = [rest * w / whole for w in weights] if whole else [rest / len(weights)] * len(weights)
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[:rest - sum(shares)]:
        shares[i] += 1
    return [floor + share for share in shares]


def footer_css(unit: Unit, lang: str) -> dict[str, str]:
    """The running footer as CSS `content` values: author and catalog text escaped, so that
    nothing in them can end the string or the style sheet."""
    text = texts(unit, lang)["print"]
    unit_line = text["footer_unit"].replace("{unit}", unit.title[lang]).replace("{version}", unit.version)
    page_parts = re.split(r"(\{n\}|\{total\})", text["footer_page"])
    counters = {"{n}": "counter(page)", "{total}": "counter(pages)"}
    page = " ".join(counters.get(part) or css_string(part) for part in page_parts if part)
    return {"unit": css_string(unit_line), "page": page}


def css_string(text: str) -> str:
    """A CSS string of `text`: every character but letters, digits and spaces as a hex escape."""
    return '"' + "".join(c if c.isalnum() and c.isascii() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


# ---- figures that paper cannot carry

def print_notes(unit: Unit) -> list[Problem]:
    """Figures that print too small to read and have no text version to stand in for them, in
    any language: `qser check` and `qser build` explain them; they print all the same."""
    notes, seen = [], set()
    for lang in unit.languages:
        for image in unreadable_figures(unit, lang):
            if image.source not in seen:
                seen.add(image.source)
                notes.append(Problem(
                    display_path(image.source), None,
                    f"figure '{image.name}' prints at {print_scale(image.source):.0%} of its size on an A4 page, "
                    "too small to read, and has no text version",
                    f"add its text version, {Path(image.name).stem}.text.md, beside it in media/ (the handout "
                    "prints it under the figure), or make the figure narrower"))
    return notes


def unreadable_figures(unit: Unit, lang: str) -> list[Image]:
    return [image for page in unit.pages for image in page.images[lang]
            if not image.text and (print_scale(image.source) or 1) < READABLE_SCALE]


def print_scale(path: Path) -> float | None:
    """How much a figure shrinks to fit the printed page (1: not at all); None when its size is unknown."""
    size = image_size(path)
    if not size:
        return None
    width, height = size
    return min(1.0, PRINT_WIDTH_PX / width, PRINT_HEIGHT_PX / height)


def image_size(path: Path) -> tuple[float, float] | None:
    """Width and height in CSS px: an SVG's own width/height or viewBox, a PNG's, JPEG's or
    GIF's pixels (the formats figures mostly come in); None for others or what cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return tuple(float(x) for x in struct.unpack(">II", data[16:24]))
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return tuple(float(x) for x in struct.unpack("<HH", data[6:10]))
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    if path.suffix.lower() == ".svg":
        return _svg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[float, float] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return float(width), float(height)
        i += 2 + length
    return None


UNITS_PX = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}


def _svg_size(data: bytes) -> tuple[float, float] | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    box = [float(x) for x in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if _is_number(x)]
    size = []
    for attr, from_box in (("width", 2), ("height", 3)):
        m = re.fullmatch(r"\s*([0-9.]+)\s*(px|pt|pc|in|cm|mm|)\s*", root.get(attr) or "")
        if m and _is_number(m[1]):
            size.append(float(m[1]) * UNITS_PX[m[2]])
        elif len(box) == 4:
            size.append(box[from_box])
        else:
            return None
    return (size[0], size[1]) if size[0] > 0 and size[1] > 0 else None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
