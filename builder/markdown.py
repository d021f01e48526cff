"""Author Markdown -> safe HTML: raw HTML is shown as text, links cannot run script."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape as html_escape

from markdown_it import MarkdownIt

from .media import media_name

# CommonMark with raw HTML off: "<script>" in a unit is escaped, never passed through.
# markdown-it's link validation already refuses javascript:, vbscript:, file: and data: links.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable("html_block")
_md.disable("html_inline")


@dataclass(frozen=True)
class ImageRef:
    src: str
    line: int  # 1-based, within the text handed to find_images


def find_images(text: str) -> list[ImageRef]:
    refs = []
    for block in _md.parse(text):
        if block.type != "inline" or not block.children:
            continue
        for child in block.children:
            if child.type == "image":
                refs.append(ImageRef(child.attrGet("src") or "", (block.map[0] if block.map else 0) + 1))
    return refs


def code_lines(text: str) -> set[int]:
    """0-based numbers of the lines inside fenced or indented code, as CommonMark reads them:
    a heading or placement there is code, not a page (a ```` fence may hold ```)."""
    lines: set[int] = set()
    for token in _md.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0], token.map[1]))
    return lines


def to_html(text: str, image_urls: dict[str, str], figure_label: str = "Figure") -> str:
    """Render one page body; image sources are replaced by their place in the package.

    `figure_label` names the scrollable box around a figure (the image keeps its own alt text)."""
    tokens = _md.parse(text)
    for block in tokens:
        for child in block.children or ():
            if child.type == "image":
                child.attrSet("src", image_urls[media_name(child.attrGet("src") or "")])
                child.attrSet("loading", "lazy")
            elif child.type == "link_open":
                # A link inside an LMS frame would replace the course: open it beside.
                child.attrSet("target", "_blank")
                child.attrSet("rel", "noopener noreferrer")
    label = html_escape(figure_label)
    return _FIGURE.sub(lambda m: f'<div class="figure" role="group" tabindex="0" aria-label="{label}">{m[1]}</div>',
                       _md.renderer.render(tokens, _md.options, {}))


# An image alone in its paragraph is a figure: on a phone it keeps a readable size and
# scrolls sideways; focusable (with a name) so that the keyboard can scroll it too.
_FIGURE = re.compile(r'<p>(<img src="[^"]*" alt="[^"]*" loading="lazy" />)</p>')
