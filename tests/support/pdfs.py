"""Reading a PDF back as a person would: its text page by page (pypdf), its bookmarks, its pages
drawn as PNG (Debian's pdftoppm); and what the unit says should be in it, read from the model."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from builder.load.markdown import MARKDOWN
from builder.model import Unit

#: what typesetting puts between or into words: line breaks, spaces, hyphens (WeasyPrint's own
#: hyphenation sign is U+2010), soft hyphens
BREAKS = re.compile(r"[\s\-\u2010\u00ad]+")


def squash(text: str) -> str:
    """Text as a comparison of words in order sees it, whatever the lines, hyphenation and
    ligatures (a browser's "ﬁ" is read back as one character: NFKC makes it "fi" again)."""
    return BREAKS.sub("", unicodedata.normalize("NFKC", text))


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def outline(path: Path) -> list[tuple[int, str]]:
    """The PDF's bookmarks, (level, title) in order."""
    reader = PdfReader(path)
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title))

    walk(reader.outline, 1)
    return found


def inline_text(token) -> str:
    return "".join(child.content for child in token.children or () if child.type in ("text", "code_inline"))


def unit_headings(unit: Unit, lang: str) -> list[tuple[int, str]]:
    """Every heading of the unit's pages, (level, text) in order: the page titles (1) and the
    Markdown headings inside them."""
    found = []
    for page in unit.pages:
        found.append((1, page.title[lang]))
        for kind, value in page.blocks[lang]:
            if kind != "markdown":
                continue
            tokens = MARKDOWN.parse(value)
            for opening, inline in zip(tokens, tokens[1:]):
                if opening.type == "heading_open":
                    found.append((int(opening.tag[1]), inline_text(inline)))
    return found


def in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles not found in `haystack` after the one before them (squashed): [] when all are, in order."""
    text, at, missing = squash(haystack), 0, []
    for needle in needles:
        found = text.find(squash(needle), at)
        if found < 0:
            missing.append(needle)
        else:
            at = found + len(squash(needle))
    return missing


def draw(pdf: Path, page: int, png: Path, dpi: int = 80) -> Path:
    """One page of `pdf` as a PNG (pdftoppm from Debian's poppler-utils, scripts/setup-tests)."""
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm not found: run scripts/setup-tests (apt-get install poppler-utils)"
    png.parent.mkdir(parents=True, exist_ok=True)
    stem = png.with_suffix("")
    subprocess.run([tool, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                   check=True, capture_output=True)
    return png
