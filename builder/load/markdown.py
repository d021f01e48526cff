"""Author Markdown as the unit reads it: CommonMark without raw HTML, the images and code it holds.

The one parser the loader checks with and the renderer writes with (render/markdown.py), so both
read a page the same way."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt

# CommonMark with raw HTML off: "<script>" in a unit is escaped, never passed through.
# markdown-it's link validation already refuses javascript:, vbscript:, file: and data: links.
MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
MARKDOWN.disable("html_block")
MARKDOWN.disable("html_inline")


@dataclass(frozen=True)
class ImageRef:
    src: str
    line: int  # 1-based, within the text handed to find_images


def find_images(text: str) -> list[ImageRef]:
    refs = []
    for block in MARKDOWN.parse(text):
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
    for token in MARKDOWN.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0], token.map[1]))
    return lines
