"""Writes the seed unit's phone figures and text versions: python scripts/figures.py

A wide diagram shrunk onto a 320 px screen is unreadable, so each figure has a narrow
layout (<name>.narrow.svg, stacked from top to bottom) and a text version
(<name>.text.md, shown under the figure in an expandable box). Both come from the
same lists below, so they say the same as the wide figure in the seed unit's media/ folder.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

IMG = Path(__file__).resolve().parent.parent / "units" / "becoming-a-mentor" / "media"
WIDTH, PAD, LINE, FONT, CHARS = 360, 12, 21, 16, 30
BLUE, PALE = "#0b5cad", "#e8f0fb"

# name -> lang -> (title, intro, [(heading, [items])], closing note)
FIGURES = {
    "impact-circular-model": {
        "en": ("The Impact Circular Model", "The organisation in the centre, surrounded by seven areas of impact:",
               [("Organisation", [
                   "Better organisational culture for handling immigrants",
                   "Communication tools, common communication strategy",
                   "Staff committed to service standards for all clients",
                   "Collect and re-use internal know-how",
                   "Knowledge management and a database of good practices",
                   "Mentoring and support structures",
                   "Re-use information, transfer it to other departments"])], ""),
        "de": ("Das Impact-Circular-Modell", "Die Organisation in der Mitte, umgeben von sieben Wirkungsbereichen:",
               [("Organisation", [
                   "Bessere Organisationskultur im Umgang mit Zuwanderern",
                   "Kommunikationsinstrumente, gemeinsame Strategie",
                   "Mitarbeiter verpflichtet, allen nach Standards zu dienen",
                   "Internes Know-how sammeln und wiederverwenden",
                   "Wissensmanagement: Datenbank guter Praktiken",
                   "Mentoring und Unterstützungsstrukturen",
                   "Informationen wiederverwenden, an andere Abteilungen weitergeben"])], ""),
    },
    "circular-cycle-of-mentoring": {
        "en": ("Circular Cycle of Mentoring", "Five steps in a loop:",
               [("", ["1. Become a mentor", "2. Form working groups with mentees", "3. Mentor and guide the mentees",
                      "4. Record the impact", "5. Evaluate the mentoring"])],
               "After step 5 the cycle starts again with step 1."),
        "de": ("Circular Cycle of Mentoring", "Fünf Schritte im Kreislauf:",
               [("", ["1. Mentor werden", "2. Arbeitsgruppen mit Mentees bilden", "3. Mentees begleiten und anleiten",
                      "4. Wirkung erfassen", "5. Mentoring bewerten"])],
               "Nach Schritt 5 beginnt der Kreislauf wieder mit Schritt 1."),
    },
    "mentors-mentees": {
        "en": ("Mentors and mentees", "Mentor and mentee, linked by a relationship built on honesty and confidentiality.",
               [("Mentor brings", ["Experience, skills and knowledge to share",
                                   "Support instead of imposed solutions, judging or comparing",
                                   "Guidance and constructive feedback", "Listening and practical, realistic solutions",
                                   "A positive example"]),
                ("Relationship", ["Honesty and confidentiality"]),
                ("Mentee gains", ["New knowledge and skills", "Clear, prioritized goals", "Obstacles clearly identified",
                                  "Self-esteem and self-confidence", "Social and communicative skills",
                                  "New perspectives and wider networks"])], ""),
        "de": ("Mentoren und Mentees", "Mentor und Mentee, verbunden durch eine Beziehung aus Ehrlichkeit und Vertrauen.",
               [("Mentor bringt ein", ["Erfahrung, Fähigkeiten und Wissen zum Teilen",
                                       "Unterstützung statt aufgezwungener Lösungen, Urteilen oder Vergleichen",
                                       "Anleitung und konstruktives Feedback",
                                       "Zuhören und praktische, realistische Lösungen", "Ein positives Vorbild"]),
                ("Beziehung", ["Ehrlichkeit und Vertrauen"]),
                ("Mentee gewinnt", ["Neues Wissen und neue Fähigkeiten", "Klare, priorisierte Ziele",
                                    "Klar erkannte Hindernisse", "Selbstwertgefühl und Selbstvertrauen",
                                    "Soziale und kommunikative Fähigkeiten", "Neue Perspektiven und größere Netzwerke"])],
               ""),
    },
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


def text_lines(x: float, y: float, lines: list[str], anchor: str = "middle", extra: str = "") -> str:
    spans = "".join(f'<tspan x="{x}" y="{y + i * LINE}">{escape(l)}</tspan>' for i, l in enumerate(lines))
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}" dominant-baseline="central"{extra}>{spans}</text>'


def narrow_svg(name: str, lang: str) -> str:
    title, intro, sections, note = FIGURES[name][lang]
    flow = name == "circular-cycle-of-mentoring"
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
            if flow and i < len(items) - 1:
                out.append(f'<path d="M{WIDTH / 2} {y + 2}v12m-6 -6l6 6l6 -6" fill="none" stroke="{BLUE}" stroke-width="2"/>')
                y += 18
            else:
                y += 8
        y += 8
    if note:
        lines = wrap("↻ " + note, 36)
        out.append(text_lines(WIDTH / 2, y + 6, lines, extra=' font-style="italic"'))
        y += LINE * len(lines) + 6
    height = y + PAD
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
            f'viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{escape(title)}" xml:lang="{lang}" '
            f'font-family="system-ui, sans-serif" font-size="{FONT}" fill="#1a1a1a">\n'
            f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>\n' + "\n".join(out) + "\n</svg>\n")


def text_version(name: str, lang: str) -> str:
    title, intro, sections, note = FIGURES[name][lang]
    out = [f"**{title}**", "", intro, ""]
    for heading, items in sections:
        if heading and len(sections) > 1:
            out += [f"{heading}:", ""]
        numbered = all(item[:2].rstrip(".").isdigit() for item in items)
        out += [(item if numbered else f"- {item}") for item in items] + [""]
    if note:
        out += [note, ""]
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    for name, langs in FIGURES.items():
        for lang in langs:
            (IMG / f"{name}.{lang}.narrow.svg").write_text(narrow_svg(name, lang), "utf-8")
            (IMG / f"{name}.{lang}.text.md").write_text(text_version(name, lang), "utf-8")


if __name__ == "__main__":
    main()
