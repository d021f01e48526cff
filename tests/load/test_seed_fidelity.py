"""The seed unit says the same thing in every language, and its figures show only what its pages say.

What a machine can check of issue 25 (faithful to the seeds, the same meaning in both languages):
- every figure's text version names only steps and items whose words appear in the text of the page
  the figure sits on, in the same language (no invented step, no "the cycle starts again");
- what the figure draws (its wide and its narrow SVG) is what its text version says;
- each page has the same skeleton in every language: headings of the same level in the same place
  among the page's lists, figures and questions, and lists with the same number of items;
- a figure's text version has as many items in every language;
- the welcome page says how the unit is assessed: its number of scored questions and its pass mark,
  as unit.yaml and questions.yaml have them, in every language;
- the player's verdict after an answer cannot be read as an option of a true/false question
  ("Richtig." after choosing "Falsch"), in any language the player speaks.
Paragraphs may be split differently between languages; meaning itself is for people (SOURCES.md).

Self-contained: it reads units/becoming-a-mentor with the loader and markdown-it, nothing else.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from markdown_it import MarkdownIt

from builder import TOOL_ROOT
from builder.load.catalogs import supported_languages
from builder.load.loader import load_unit
from builder.load.pages import LANGUAGE_FILE
from builder.load.catalogs import catalog

UNIT_DIR = TOOL_ROOT / "units" / "becoming-a-mentor"
MD = MarkdownIt("commonmark")
SVG = "{http://www.w3.org/2000/svg}"

# Words too common to say anything about a figure's content (compared in lower case).
STOPWORDS = {
    "en": {"the", "and", "with", "for", "that", "this", "from", "their", "them", "they", "into", "each", "what",
           "which", "who", "its", "his", "her", "him", "your", "you", "are", "was", "were", "has", "have", "not",
           "but", "also", "than", "then"},
    "de": {"und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem",
           "einen", "mit", "für", "von", "vom", "zum", "zur", "sich", "sein", "seine", "ihre", "ihren", "ihr",
           "sie", "ist", "sind", "wird", "werden", "auf", "aus", "bei", "als", "auch", "nicht", "wie", "was"},
}
STEM = 5  # a figure's word counts as said when its first 5 letters occur in a word of the page


@pytest.fixture(scope="module")
def unit():
    return load_unit(UNIT_DIR)


def words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text)]


def inline_text(token) -> str:
    return "".join(c.content for c in (token.children or []) if c.type in ("text", "code_inline"))


def text_version_items(markdown: str) -> list[str]:
    """What a text version names: its list items, and any sentence that is neither its bold title
    nor an introduction to what follows (those end in a colon)."""
    tokens = MD.parse(markdown)
    items, depth = [], 0
    for i, t in enumerate(tokens):
        if t.type == "list_item_open":
            depth += 1
        elif t.type == "list_item_close":
            depth -= 1
        elif t.type == "inline":
            text = inline_text(t).strip()
            title = any(c.type == "strong_open" for c in t.children or []) and i < 3
            if depth or not (title or text.endswith(":")):
                items.append(text)
    return items


def skeleton(markdown_blocks) -> list[tuple]:
    """A page body as the structure both languages must share: headings (level), lists (ordered or
    not, number of items), figures (file name without language), question placements; no paragraphs."""
    out = []
    for kind, value in markdown_blocks:
        if kind == "question":
            out.append(("question", value))
            continue
        tokens = MD.parse(value)
        for i, t in enumerate(tokens):
            if t.type == "heading_open":
                out.append(("heading", int(t.tag[1])))
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                items = sum(1 for u in tokens[i + 1:tokens.index(_closing(tokens, i), i)]
                            if u.type == "list_item_open" and u.level == t.level + 1)
                out.append((t.type.split("_")[0], items))
            elif t.type == "inline" and [c.type for c in t.children or []] == ["image"]:
                src = t.children[0].attrGet("src") or ""
                out.append(("figure", re.sub(r"\.[a-z]{2,3}(\.svg)$", r"\1", src.rsplit("/", 1)[-1])))
    return out


def _closing(tokens, i):
    """The token that closes the list opened at tokens[i]."""
    kind, level = tokens[i].type.replace("_open", "_close"), tokens[i].level
    return next(t for t in tokens[i + 1:] if t.type == kind and t.level == level)


def figures(unit):
    """(page, language, image) for every figure of the unit."""
    return [(page, lang, image) for page in unit.pages for lang in unit.languages for image in page.images[lang]]


def page_text(page, lang: str) -> str:
    return page.title[lang] + "\n" + "\n".join(v for k, v in page.blocks[lang] if k == "markdown")


def said(word: str, page_words: set[str]) -> bool:
    stem = word[:STEM]
    return any(stem in w for w in page_words)


def test_the_ledger_for_the_customer_is_there_and_no_page_file(unit):
    """SOURCES.md lists what the unit changes in the seeds; the loader must not take it (or a
    lower-case sources.md) for the pages of a language."""
    ledger = " ".join((UNIT_DIR / "SOURCES.md").read_text("utf-8").split())
    assert f"version **{unit.version}**" in ledger  # the ledger speaks of the version it stands beside
    assert not LANGUAGE_FILE.match("SOURCES.md") and not LANGUAGE_FILE.match("sources.md")


def test_every_figure_has_a_text_version(unit):
    found = figures(unit)
    assert len(found) >= 6  # three figures in two languages
    assert [image.name for _, _, image in found if image.text is None or image.narrow is None] == []


def test_a_figures_text_version_names_only_what_its_page_says(unit):
    unsaid = []
    for page, lang, image in figures(unit):
        page_words = set(words(page_text(page, lang)))
        for item in text_version_items(image.text.read_text("utf-8")):
            missing = [w for w in words(item) if len(w) >= 4 and w not in STOPWORDS[lang] and not said(w, page_words)]
            if missing:
                unsaid.append(f"{image.text.name} ({page.id}): {item!r} says {', '.join(missing)}")
    assert unsaid == [], "figures say what their page does not:\n" + "\n".join(unsaid)


def svg_labels(path) -> list[str]:
    """Every piece of text a figure draws: a <text>'s lines joined, its <title> and <desc>."""
    root = ET.parse(path).getroot()
    labels = [" ".join(s.text or "" for s in t.iter(f"{SVG}tspan")) or (t.text or "") for t in root.iter(f"{SVG}text")]
    return [l for l in labels if l.strip()] + [e.text or "" for e in root if e.tag in (f"{SVG}title", f"{SVG}desc")]


def test_a_figure_draws_what_its_text_version_says(unit):
    """The wide and the narrow figure hold no word that their text version lacks."""
    extra = []
    for _, lang, image in figures(unit):
        told = set(words(image.text.read_text("utf-8")))
        for drawing in (image.source, image.narrow):
            for label in svg_labels(drawing):
                missing = [w for w in words(label) if w not in told]
                if missing:
                    extra.append(f"{drawing.name}: {label!r} has {', '.join(missing)}")
    assert extra == [], "figures draw what their text version does not say:\n" + "\n".join(extra)


def test_a_figures_text_version_has_as_many_items_in_every_language(unit):
    counts = {}
    for _, lang, image in figures(unit):
        name = image.name.replace(f".{lang}.", ".")
        counts.setdefault(name, {})[lang] = len(text_version_items(image.text.read_text("utf-8")))
    assert {n: c for n, c in counts.items() if len(set(c.values())) > 1} == {}


def test_every_page_has_the_same_headings_lists_and_figures_in_every_language(unit):
    first, differ = unit.languages[0], []
    for page in unit.pages:
        reference = skeleton(page.blocks[first])
        for lang in unit.languages[1:]:
            other = skeleton(page.blocks[lang])
            if other != reference:
                differ.append(f"{page.id}: {first} {reference}\n{' ' * len(page.id)}  {lang} {other}")
    assert differ == [], "pages differ between languages in headings, lists or figures:\n" + "\n".join(differ)


def test_the_skeleton_sees_headings_lists_and_figures():
    """The comparison above is only as good as what skeleton() finds: a heading of another level,
    a list item more and a figure are each seen."""
    page = [("markdown", "Intro.\n\n## Part\n\n- a\n- b\n\n![x](media/fig.en.svg)\n\n1. one\n   - inner\n"),
            ("question", "q")]
    assert skeleton(page) == [("heading", 2), ("bullet", 2), ("figure", "fig.svg"), ("ordered", 1), ("bullet", 1),
                              ("question", "q")]
    assert skeleton([("markdown", "### Part\n\n- a\n- b\n- c\n")]) == [("heading", 3), ("bullet", 3)]


def test_the_word_check_catches_an_invented_step():
    """A step the page never names is caught; a page's own words in another form are not."""
    page = set(words("This model allows staff to become mentors, forming working groups with mentees and "
                     "recording impact and mentoring evaluation."))
    assert [w for w in words("Mentor and guide the mentees") if len(w) >= 4 and not said(w, page)] == ["guide"]
    assert [w for w in words("Record the impact and evaluate") if len(w) >= 4
            and w not in STOPWORDS["en"] and not said(w, page)] == []
    assert text_version_items("**Title**\n\nFive steps:\n\n1. One\n2. Two\n\nThen it starts again.\n") == [
        "One", "Two", "Then it starts again."]


def test_the_welcome_page_says_how_many_questions_are_scored_and_the_pass_mark(unit):
    scored, welcome = len(unit.scored_questions), unit.pages[0]
    for lang in unit.languages:
        text = " ".join(page_text(welcome, lang).split())
        assert re.search(rf"\b{scored} (questions|Fragen)\b", text), (lang, text)
        assert re.search(rf"\b{unit.mastery_score}\s?%", text), (lang, text)
        check = " ".join(page_text(next(p for p in unit.pages if p.id == "knowledge-check"), lang).split())
        assert re.search(rf"\b{scored} (questions|Fragen)\b", check) and re.search(rf"\b{unit.mastery_score}\s?%", check), lang


@pytest.mark.parametrize("lang", supported_languages())
def test_a_verdict_cannot_be_read_as_a_true_false_option(lang):
    """After choosing "False" rightly, the learner must not read "True." (or the other way round)."""
    ui = catalog(lang)

    def bare(text: str) -> str:
        return " ".join(words(text))

    options = {bare(ui["label_true"]), bare(ui["label_false"])}
    for key in ("correct", "wrong"):
        verdict = bare(ui[key])
        assert not any(verdict == o or verdict.startswith(o + " ") for o in options), (lang, key, ui[key])
