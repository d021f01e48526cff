"""Draws the seed unit's figures and writes their text versions: python scripts/figures.py

Each figure comes in three files per language, all from the lists below, so they say the same:
<name>.<lang>.svg (the wide figure), <name>.<lang>.narrow.svg (stacked from top to bottom for
screens up to 30rem: a wide diagram shrunk onto a 320 px screen is unreadable) and
<name>.<lang>.text.md (the text version, shown under the figure in an expandable box).

A figure shows only what the page it sits on says, in that page's words (units/becoming-a-mentor/
SOURCES.md lists what the figures add to the seeds; tests/load/test_seed_fidelity.py checks the words).
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

IMG = Path(__file__).resolve().parent.parent / "units" / "becoming-a-mentor" / "media"
WIDTH, PAD, LINE, FONT, CHARS = 360, 12, 21, 16, 30  # the narrow layout
BLUE, PALE = "#0b5cad", "#e8f0fb"

# name -> (layout of the wide figure, lang -> (title, intro, [(heading, [items])]))
# Layouts: "ring" (the heading in the centre, the items around it), "steps" (numbered items in a
# row, each arrow to the next; no arrow back), "columns" (first and last section side by side,
# the middle one between them as what links them).
FIGURES = {
    "impact-circular-model": ("ring", {
        "en": ("The Impact Circular Model", "The organisation in the centre, surrounded by seven areas of impact:",
               [("Organisation", [
                   "Improved organisational culture for handling immigrants",
                   "Communication tools, common communication strategy",
                   "Staff committed to serving all clients to certain standards",
                   "Collect and re-use internal know-how",
                   "Knowledge management and a database of good practices",
                   "Mentoring facilities and support structures",
                   "Re-use information, transfer it to other departments"])]),
        "de": ("Das Impact-Circular-Modell", "Die Organisation in der Mitte, umgeben von sieben Wirkungsbereichen:",
               [("Organisation", [
                   "Bessere Organisationskultur im Umgang mit Immigranten",
                   "Kommunikationsinstrumente und gemeinsame Strategie",
                   "Mitarbeiter verpflichtet, allen nach bestimmten Standards zu dienen",
                   "Internes Know-how sammeln und wiederverwenden",
                   "Wissensmanagement und eine Datenbank für gute Praktiken",
                   "Mentoring-Einrichtungen und Unterstützungsstrukturen",
                   "Informationen wiederverwenden, an andere Abteilungen weitergeben"])]),
    }),
    "circular-cycle-of-mentoring": ("steps", {
        "en": ("Circular Cycle of Mentoring", "The three steps the model names:",
               [("", ["1. Become mentors", "2. Form working groups with mentees",
                      "3. Record impact and mentoring evaluation"])]),
        "de": ("Circular Cycle of Mentoring", "Die drei Schritte, die das Modell nennt:",
               [("", ["1. Mentoren werden", "2. Arbeitsgruppen mit Mentees bilden",
                      "3. Auswirkungen und Bewertung des Mentoring erfassen"])]),
    }),
    "mentors-mentees": ("columns", {
        "en": ("Mentors and mentees", "What the mentor does, what the mentee gains, and what their relationship "
               "is characterised by:",
               [("The mentor", ["Supports the mentee instead of imposing opinions and solutions",
                                "Does not judge and compare the mentee"]),
                ("Relationship", ["Honesty and confidentiality"]),
                ("The mentee gains", ["New knowledge and skills", "Goals clearly defined and prioritised",
                                      "Obstacles clearly identified", "Self-esteem and self-confidence",
                                      "Social and communicative skills", "New perspectives and expanded networks"])]),
        "de": ("Mentoren und Mentees", "Was der Mentor tut, was der Mentee gewinnt und wovon ihre Beziehung "
               "geprägt ist:",
               [("Der Mentor", ["Unterstützt den Mentee, statt Meinungen und Lösungen aufzuzwingen",
                                "Beurteilt und vergleicht den Mentee nicht"]),
                ("Beziehung", ["Ehrlichkeit und Vertraulichkeit"]),
                ("Der Mentee gewinnt", ["Neues Wissen und neue Fähigkeiten", "Ziele klar definiert und priorisiert",
                                        "Hindernisse klar identifiziert", "Selbstwertgefühl und Selbstvertrauen",
                                        "Soziale und kommunikative Fähigkeiten",
                                        "Neue Perspektiven und erweiterte Netzwerke"])]),
    }),
}


def wrap(text: str, width: int = CHARS) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def text_lines(x: float, y: float, lines: list[str], anchor: str = "middle", extra: str = "",
               step: float = LINE) -> str:
    spans = "".join(f'<tspan x="{x:g}" y="{y + i * step:g}">{escape(l)}</tspan>' for i, l in enumerate(lines))
    return f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" dominant-baseline="central"{extra}>{spans}</text>'


def svg(width: int, height: int, lang: str, font: int, label: str, body: list[str], desc: str = "",
        key: str = "") -> str:
    """One SVG: an image with its title (and description) as its accessible name."""
    if desc:
        head = (f'role="img" aria-labelledby="{key}-title {key}-desc" xml:lang="{lang}"', f'<title id="{key}-title">'
                f'{escape(label)}</title>\n<desc id="{key}-desc">{escape(desc)}</desc>\n')
    else:
        head = (f'role="img" aria-label="{escape(label)}" xml:lang="{lang}"', "")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
            f'viewBox="0 0 {width} {height}" width="100%" {head[0]} '
            f'font-family="system-ui, sans-serif" font-size="{font}" fill="#1a1a1a">\n{head[1]}'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n' + "\n".join(body) + "\n</svg>\n")


def description(intro: str, sections: list) -> str:
    """The wide figure's <desc>: the text version in one paragraph."""
    parts = []
    for heading, items in sections:
        named = f"{heading}: " if heading and len(sections) > 1 else ""
        parts.append(named + "; ".join(items))
    return f"{intro} " + ". ".join(parts) + "."


# ---- the narrow layout: everything stacked, one box per item

def narrow_svg(name: str, lang: str) -> str:
    layout, texts = FIGURES[name]
    title, intro, sections = texts[lang]
    out, y = [], PAD + 14
    out.append(text_lines(WIDTH / 2, y, [title], extra=' font-weight="bold" font-size="18"'))
    y += 30
    for heading, items in sections:
        if heading:
            out.append(f'<rect x="{PAD}" y="{y}" width="{WIDTH - 2 * PAD}" height="36" rx="18" fill="{BLUE}"/>')
            out.append(text_lines(WIDTH / 2, y + 18, [heading], extra=' font-weight="bold" fill="#ffffff"'))
            y += 36 + 12
        for i, item in enumerate(items):
            lines = wrap(item)
            h = 16 + LINE * len(lines)
            out.append(f'<rect x="{PAD}" y="{y}" width="{WIDTH - 2 * PAD}" height="{h}" rx="8" fill="{PALE}" '
                       f'stroke="{BLUE}" stroke-width="2"/>')
            out.append(text_lines(WIDTH / 2, y + 8 + LINE / 2, lines))
            y += h
            if layout == "steps" and i < len(items) - 1:
                out.append(f'<path d="M{WIDTH / 2:g} {y + 2}v12m-6 -6l6 6l6 -6" fill="none" stroke="{BLUE}" '
                           f'stroke-width="2"/>')
                y += 18
            else:
                y += 8
        y += 8
    return svg(WIDTH, y + PAD, lang, FONT, title, out)


# ---- the wide layouts (800 px wide)

def ring(key: str, sections: list) -> tuple[int, list[str]]:
    """The heading in a circle in the centre, the items in boxes on an ellipse around it, spokes between."""
    (centre, items), = sections
    cx, cy, rx, ry, bw, step = 400, 255, 285, 185, 220, 18
    labels = [wrap(item, 23) for item in items]
    bh = 16 + step * max(len(l) for l in labels)
    places = [(cx + rx * math.cos(a), cy + ry * math.sin(a))
              for a in (math.radians(-90 + i * 360 / len(items)) for i in range(len(items)))]
    out = [f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" fill="none" stroke="{BLUE}" stroke-width="3"/>',
           f'<g stroke="{BLUE}" stroke-width="2">' + "".join(
               f'<line x1="{cx}" y1="{cy}" x2="{x:.0f}" y2="{y:.0f}"/>' for x, y in places) + "</g>",
           f'<circle cx="{cx}" cy="{cy}" r="80" fill="{BLUE}"/>',
           text_lines(cx, cy, [centre], extra=' font-size="19" font-weight="bold" fill="#ffffff"')]
    for (x, y), lines in zip(places, labels):
        left = min(max(x - bw / 2, 15), 800 - 15 - bw)
        top = min(max(y - bh / 2, 15), 500 - 15 - bh)
        out.append(f'<rect x="{left:.0f}" y="{top:.0f}" width="{bw}" height="{bh}" rx="10" fill="{PALE}" '
                   f'stroke="{BLUE}" stroke-width="2"/>')
        out.append(text_lines(round(left + bw / 2, 1), round(top + bh / 2 - step * (len(lines) - 1) / 2, 1), lines,
                              extra=' font-size="14"', step=step))
    return 500, out


def steps(key: str, title: str, sections: list) -> tuple[int, list[str]]:
    """The title above, the numbered items in a row below it, an arrow from each to the next."""
    (_, items), = sections
    n, gap, step = len(items), 56, 20
    bw = (800 - 2 * 20 - (n - 1) * gap) / n
    labels = [wrap(item, 20) for item in items]
    bh = 20 + step * max(len(l) for l in labels)
    top = 90
    out = [f'<defs><marker id="{key}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           f'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{BLUE}"/></marker></defs>',
           text_lines(400, 45, [title], extra=f' font-size="22" font-weight="bold" fill="{BLUE}"')]
    for i, lines in enumerate(labels):
        left = 20 + i * (bw + gap)
        out.append(f'<rect x="{left:g}" y="{top}" width="{bw:g}" height="{bh}" rx="10" fill="{PALE}" '
                   f'stroke="{BLUE}" stroke-width="2"/>')
        out.append(text_lines(round(left + bw / 2, 1), top + bh / 2 - step * (len(lines) - 1) / 2, lines, step=step))
        if i < n - 1:
            out.append(f'<line x1="{left + bw + 6:g}" y1="{top + bh / 2:g}" x2="{left + bw + gap - 6:g}" '
                       f'y2="{top + bh / 2:g}" stroke="{BLUE}" stroke-width="3" marker-end="url(#{key}-arrow)"/>')
    return top + bh + 30, out


def columns(key: str, sections: list) -> tuple[int, list[str]]:
    """The first section in a box on the left, the last on the right (each as tall as it needs), the
    middle one between them under a two-headed arrow."""
    (left_head, left), (link_head, link), (right_head, right) = sections
    step, gap, cw, top = 21, 12, 300, 20

    def column(x: int, heading: str, items: list[str], height: int) -> list[str]:
        out = [f'<rect x="{x}" y="{top}" width="{cw}" height="{height}" rx="12" fill="{PALE}" stroke="{BLUE}" '
               f'stroke-width="2"/>',
               f'<path d="M{x},{top + 46} V{top + 12} Q{x},{top} {x + 12},{top} H{x + cw - 12} '
               f'Q{x + cw},{top} {x + cw},{top + 12} V{top + 46} z" fill="{BLUE}"/>',
               text_lines(x + cw / 2, top + 23, [heading], extra=' font-size="19" font-weight="bold" fill="#ffffff"')]
        y = top + 46 + 24
        for item in items:
            lines = wrap(item, 27)
            out.append(f'<circle cx="{x + 22}" cy="{y}" r="4" fill="{BLUE}"/>')
            out.append(text_lines(x + 36, y, lines, anchor="start", step=step))
            y += step * len(lines) + gap
        return out

    def needed(items: list[str]) -> int:
        return 46 + 24 + sum(step * len(wrap(item, 27)) + gap for item in items)

    heights = needed(left) + 8, needed(right) + 8
    out = column(15, left_head, left, heights[0]) + column(800 - 15 - cw, right_head, right, heights[1])
    height = max(heights)
    middle = top + 46 + (min(heights) - 46) / 2
    out.append(f'<defs><marker id="{key}-end" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
               f'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{BLUE}"/></marker>'
               f'<marker id="{key}-start" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="6" markerHeight="6" '
               f'orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="{BLUE}"/></marker></defs>')
    out.append(f'<line x1="{15 + cw + 7}" y1="{middle:g}" x2="{800 - 15 - cw - 7}" y2="{middle:g}" stroke="{BLUE}" '
               f'stroke-width="3" marker-start="url(#{key}-start)" marker-end="url(#{key}-end)"/>')
    lines = [f"{link_head}:"] + [l for item in link for l in wrap(item, 17)]
    out.append(text_lines(400, middle + 40, lines, extra=' font-size="15" font-weight="bold"', step=20))
    return top + height + 20, out


def wide_svg(name: str, lang: str) -> str:
    layout, texts = FIGURES[name]
    title, intro, sections = texts[lang]
    if layout == "ring":
        height, body = ring(name, sections)
    elif layout == "steps":
        height, body = steps(name, title, sections)
    else:
        height, body = columns(name, sections)
    return svg(800, height, lang, 15 if layout != "columns" else 16, title, body, description(intro, sections), name)


def text_version(name: str, lang: str) -> str:
    title, intro, sections = FIGURES[name][1][lang]
    out = [f"**{title}**", "", intro, ""]
    for heading, items in sections:
        if heading and len(sections) > 1:
            out += [f"{heading}:", ""]
        numbered = all(item[:2].rstrip(".").isdigit() for item in items)
        out += [(item if numbered else f"- {item}") for item in items] + [""]
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    for name, (_, langs) in FIGURES.items():
        for lang in langs:
            (IMG / f"{name}.{lang}.svg").write_text(wide_svg(name, lang), "utf-8")
            (IMG / f"{name}.{lang}.narrow.svg").write_text(narrow_svg(name, lang), "utf-8")
            (IMG / f"{name}.{lang}.text.md").write_text(text_version(name, lang), "utf-8")


if __name__ == "__main__":
    main()
