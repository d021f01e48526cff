"""Property (issue 26): whatever an author writes on a page, links, odd file names and Markdown
constructs included, a unit `check` accepts builds pages that show no raw Markdown, and every link
and image on them is either in the zip or an address outside it. A unit it refuses is explained.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from builder.build import build_unit
from builder.errors import UnitError
from builder.load.loader import load_unit
import tests.support.fuzz  # noqa: F401  (the hypothesis profiles are registered there)
from tests.support.tiny import TINY

EXTERNAL = re.compile(r"^(https?|mailto|tel):", re.I)
# What a learner would see as Markdown or HTML that was not read.
RAW_SIGNS = [re.compile(p) for p in (r"\]\(", r"\*\*", r"==\S", r"\[\^", r"<!--", r"-->", r"\[question:", r"\{#",
                                     r"~~", r"(?m)^\s*#{1,6}\S", r"\|\s*-{3,}", r"<(br|u|b|i|div|span|p|img|a)\b[^>]*>",
                                     r"\]\[")]
BUILT: list[int] = []

stems = st.text(st.sampled_from(list("abcXYZ äöüÜ-_.1")), min_size=1, max_size=8).map(str.strip).filter(
    lambda s: s and not s.startswith(".") and s not in (".", ".."))
extensions = st.sampled_from([".pdf", ".pdf", ".png", ".png", ".svg", ".docx", ".PDF", ".html", ".exe", ""])
names = st.tuples(stems, extensions).map("".join)
PNG = b"\x89PNG\r\n\x1a\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


@st.composite
def spelled(draw, name: str) -> str:
    """A file name as an author might write it in a link: as is, in another Unicode form or case,
    with media/ or ./ before it, in angle brackets, percent-encoded, or with a page fragment."""
    form = draw(st.sampled_from(["as-is", "nfd", "upper", "media", "dot", "angle", "encoded", "fragment", "typo"]))
    if form == "nfd":
        name = unicodedata.normalize("NFD", name)
    elif form == "upper":
        name = name.upper()
    elif form == "media":
        name = "media/" + name
    elif form == "dot":
        name = "./" + name
    elif form == "encoded":
        name = quote(name)
    elif form == "fragment":
        name = name + "#page=2"
    elif form == "typo":
        name = name[:-1] or "x"
    return f"<{name}>" if form == "angle" or (" " in name and draw(st.booleans())) else name


GOOD_CONSTRUCTS = ["<!-- a comment -->", "**bold**", "~~old~~", "*it*", "`code [question: x]`", "line\\\nbreak",
                   "\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n", "\n\n## Heading\n\n", "\n\n<!--\nlong comment\n-->\n\n",
                   "\n\n- item\n- item\n\n", "\n\n```\ncode\n```\n\n", "Press <Enter>", "a < b", "5 * 3"]
BAD_CONSTRUCTS = ["<br>", "<u>u</u>", "==mark==", "note[^1]", "** bold**", "[text][ref]", "[question: colour]", "{#id}",
                  "\n\n| a | b |\n| 1 | 2 |\n\n", "\n\n##Heading\n\n", "[x](javascript:alert(1))", "[x](www.example.org)",
                  "[x](#check)", "[site](https://example.org/a b)", "<!-- unclosed"]


@st.composite
def pages(draw):
    """(files in media/, the page's Markdown) for the first page of the tiny unit: mostly what
    works, now and then a mistake, so that both accepted and refused pages are drawn."""
    files = draw(st.lists(names, min_size=1, max_size=4, unique_by=lambda n: unicodedata.normalize("NFC", n)))
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["word", "link", "link", "image", "external", "construct", "construct", "mistake"]))
        if kind == "word":
            parts.append(draw(st.sampled_from(["Words", "Ünïcode text", "__", "\n", "\n\n"])))
        elif kind in ("link", "image"):
            name = draw(st.sampled_from(files + ["missing.pdf"])) if draw(st.integers(0, 5)) == 0 else \
                draw(st.sampled_from(files))
            written = draw(spelled(name)) if draw(st.booleans()) else (f"<{name}>" if " " in name else name)
            parts.append(f"[the handout]({written})" if kind == "link" else f"![A figure]({written})")
        elif kind == "external":
            parts.append(draw(st.sampled_from(["[site](https://example.org/a)", "[mail](mailto:a@example.org)",
                                               "<https://example.org>", "[call](tel:+49301234)"])))
        elif kind == "construct":
            parts.append(draw(st.sampled_from(GOOD_CONSTRUCTS)))
        elif draw(st.integers(0, 2)) == 0:
            parts.append(draw(st.sampled_from(BAD_CONSTRUCTS)))
    return files, " ".join(parts)


def visible_text(element) -> str:
    """What a learner reads on the page: without code, whose text is shown as written on purpose."""
    for code in element.xpath(".//code | .//pre"):
        code.drop_tree()
    return element.text_content()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_every_built_page_shows_no_raw_markdown_and_links_only_to_what_is_there(drawn):
    files, text = drawn
    root = Path(tempfile.mkdtemp(prefix="qser-fuzz-authoring-"))
    try:
        unit = root / "units" / "tiny"
        shutil.copytree(TINY, unit)
        for name in files:
            content = SVG if name.lower().endswith(".svg") else PNG if name.lower().endswith(".png") else b"%PDF-1.4\n"
            (unit / "media" / name).write_bytes(content)
        for lang, placeholder in (("en", "Some text."), ("de", "Etwas Text.")):
            md = unit / f"{lang}.md"
            md.write_text(md.read_text("utf-8").replace(placeholder, text), "utf-8")
        try:
            loaded = load_unit(unit)
        except UnitError as e:
            assert e.problems and all(p.what and p.fix and p.line for p in e.problems if str(p.file).endswith(".md"))
            return
        (built,) = build_unit(loaded, ["en"], ["html"], root / "dist")
        with zipfile.ZipFile(built.path) as zf:
            names = set(zf.namelist())
            page = lxml_html.fromstring(zf.read("index.html"))
        welcome = page.get_element_by_id("page-welcome")
        for element in welcome.xpath(".//a[@href] | .//img[@src] | .//source[@srcset]"):
            target = element.get("href") or element.get("src") or element.get("srcset")
            if not EXTERNAL.match(target):
                assert unquote(target.split("#")[0]) in names, f"{target!r} is not in the zip {sorted(names)}"
        shown = visible_text(welcome)
        for sign in RAW_SIGNS:
            assert not sign.search(shown), f"raw Markdown {sign.pattern!r} shown: {shown!r} (written: {text!r})"
        BUILT.append(len(welcome.xpath(".//a[starts-with(@href, 'media/')]")))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_property_built_pages():
    assert BUILT, "no drawn page was accepted: the property above checked no built page"
    assert sum(1 for links in BUILT if links), "no accepted page linked to a file of the unit"
