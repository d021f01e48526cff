"""Author Markdown as the unit reads it: CommonMark with tables and ~~strikethrough~~, comments dropped,
raw HTML shown as text; what a page links to and shows, and what it holds that would reach a learner
as raw Markdown.

The one parser the loader checks with and the renderer writes with (render/markdown.py), so both
read a page the same way. CommonMark leaves what it cannot read as text: `![a](my file.svg)`, a
`[question: x]` inside a sentence, `<br>`, `==mark==`, a footnote. The loader refuses those at their
line (`raw_markdown`), so that nothing an author meant as Markdown is shown to a learner as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt


def _comment_block(state, start: int, end: int, silent: bool) -> bool:
    """`<!-- ... -->` on lines of its own (it may span lines): a note for authors, never shown."""
    pos = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith("<!--", pos):
        return False
    close = state.src.find("-->", pos + 4)
    line = start
    while close >= 0 and line < end and state.eMarks[line] < close + 3:
        line += 1
    if close < 0 or line >= end or state.src[close + 3:state.eMarks[line]].strip():
        return False  # unclosed, or text after it on its line: the paragraph (and _comment_inline) has it
    if not silent:
        token = state.push("comment", "", 0)
        token.map = [start, line + 1]
        token.content = state.src[pos:close + 3]
    state.line = line + 1
    return True


def _comment_inline(state, silent: bool) -> bool:
    """`<!-- ... -->` inside a paragraph: dropped from the text around it."""
    if not state.src.startswith("<!--", state.pos):
        return False
    close = state.src.find("-->", state.pos + 4)
    if close < 0:
        return False
    if not silent:
        state.push("comment", "", 0).content = state.src[state.pos:close + 3]
    state.pos = close + 3
    return True


def _parser() -> MarkdownIt:
    # Raw HTML off: "<script>" in a unit is escaped, never passed through. markdown-it's link
    # validation refuses javascript:, vbscript:, file: and data: links (raw_markdown says so).
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["html_block", "html_inline"])
    md.enable(["table", "strikethrough"])
    md.block.ruler.before("table", "comment", _comment_block, {"alt": ["paragraph", "reference", "blockquote"]})
    md.inline.ruler.before("autolink", "comment", _comment_inline)
    md.add_render_rule("comment", lambda *args: "")
    return md


MARKDOWN = _parser()
# The same reader with escapes (\*, &ast;) kept apart from the text around them, so that a
# character the author escaped is never taken for Markdown that was not read.
_CHECKING = _parser().disable("text_join")


@dataclass(frozen=True)
class Ref:
    """An image source or link address as markdown-it read it (percent-encoded), and its line."""

    src: str
    line: int  # 1-based, within the text handed in


@dataclass(frozen=True)
class RawMarkdown:
    """Something the author wrote that CommonMark leaves as text: where, what and how to fix it."""

    line: int
    what: str
    fix: str


@dataclass(frozen=True)
class Reading:
    images: tuple[Ref, ...]
    links: tuple[Ref, ...]
    raw: tuple[RawMarkdown, ...]


def find_images(text: str) -> list[Ref]:
    return list(read(text).images)


def read(text: str) -> Reading:
    """What a page's Markdown shows (images), links to (links) and leaves as raw text (raw)."""
    images: list[Ref] = []
    links: list[Ref] = []
    raw: list[RawMarkdown] = []
    for block in _CHECKING.parse(text):
        if block.type != "inline" or not block.map:
            continue
        if _table_without_header_line(block.content):
            raw.append(RawMarkdown(block.map[0] + 1, "a table without a line of dashes under its first row "
                                   "(or with rows of different lengths) shows as text",
                                   "write a line like | --- | --- | under the first row, one --- per column"))
        first = line = block.map[0]
        visible = [""]  # the text of each line as the learner would see it; \0 stands for an escaped character
        for child in block.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
                visible.append("")
            elif child.type == "text":
                visible[-1] += child.content
            elif child.type == "text_special":
                visible[-1] += "\0"
            else:
                visible[-1] += "\1"
                if child.type == "image":
                    images.append(Ref(child.attrGet("src") or "", line + 1))
                elif child.type == "link_open":
                    links.append(Ref(child.attrGet("href") or "", line + 1))
                elif child.type == "comment":
                    for _ in range(child.content.count("\n")):
                        line += 1
                        visible.append("")
        for offset, shown in enumerate(visible):
            raw.extend(_raw_in(shown, first + offset + 1))
    return Reading(tuple(images), tuple(links), tuple(raw))


def hidden_lines(text: str) -> tuple[set[int], set[int]]:
    """0-based numbers of the lines inside fenced or indented code, and inside comments, as
    CommonMark reads them: a heading or placement there is code (or a note), not a page."""
    code: set[int] = set()
    comments: set[int] = set()
    for token in MARKDOWN.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            code.update(range(token.map[0], token.map[1]))
        elif token.type == "comment" and token.map:
            comments.update(range(token.map[0], token.map[1]))
    return code, comments


def unclosed_fences(text: str) -> list[RawMarkdown]:
    """Code blocks opened and never closed: everything after one (pages, questions) would be code."""
    lines = text.split("\n")
    return [RawMarkdown(t.map[0] + 1, f"a code block opened with {t.markup} is never closed, so everything after "
                        "it shows as code", f"close it with a line of {t.markup}")
            for t in MARKDOWN.parse(text) if t.type == "fence" and t.map and _unclosed(t, lines)]


def code_lines(text: str) -> set[int]:
    return hidden_lines(text)[0]


def shows_something(text: str) -> bool:
    """Whether Markdown shows a learner anything: a page body of comments alone is empty."""
    return any(t.type not in ("comment",) for t in MARKDOWN.parse(text))


def _unclosed(fence, lines: list[str]) -> bool:
    first, end = fence.map
    if end - first < 2:
        return True
    last = lines[end - 1].strip() if end - 1 < len(lines) else ""
    return not (last.startswith(fence.markup) and set(last) == {fence.markup[0]})


def _table_without_header_line(content: str) -> bool:
    rows = [r.strip() for r in content.split("\n") if r.strip()]
    return len(rows) >= 2 and all(r.startswith("|") and r.endswith("|") and len(r) > 1 for r in rows)


# Element names of HTML an author may type expecting it to work; `<Enter>` or `<your name>`
# name none and stay text, as written.
HTML_ELEMENTS = frozenset(
    "a abbr address article aside audio b big blockquote body br button caption center cite code col colgroup dd "
    "del details dfn div dl dt em embed figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html "
    "i iframe img input ins kbd label li link main mark meta nav object ol p picture pre q s samp script section "
    "select small source span strike strong style sub summary sup table tbody td template textarea tfoot th thead "
    "title tr track tt u ul var video wbr".split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
_BROKEN_LINK = re.compile(r"(!?)\[([^\]\0\1]*)\]\(([^)\0\1]*)(\)?)")
_PLACEMENT = re.compile(r"\[question:[^\]\0\1]*\]")
_REFERENCE = re.compile(r"\[([^\]\0\1]+)\]\[([^\]\0\1]*)\]")
_FOOTNOTE = re.compile(r"\[\^[^\]\0\1]+\]")
_MARK = re.compile(r"==[^=\s\0\1](?:[^=\0\1]*[^=\s\0\1])?==")
_PAGE_ID = re.compile(r"\{#[^}\0\1]*\}")
_NO_SPACE_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?=[^\s#\0\1])")
_UNREAD_STRONG = re.compile(r"\*\*")
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)
_TAG_FIXES = {
    "br": "for a line break end the line with a backslash \\, for a new paragraph leave an empty line",
    "b": "write **bold** instead", "strong": "write **bold** instead",
    "i": "write *italic* instead", "em": "write *italic* instead",
    "u": "write **bold** or *italic* instead (underlined words look like links)",
    "a": "write a link as [text](https://...) or [text](file.pdf)",
    "img": "write an image as ![what it shows](figure.svg)",
    "p": "leave an empty line between paragraphs",
    "table": "write a table in Markdown: | a | b | with a line | --- | --- | under its first row",
}


def _raw_in(shown: str, line: int) -> list[RawMarkdown]:
    """What in one line of text (as a learner would see it) is Markdown or HTML that was not read."""
    found: list[RawMarkdown] = []

    def add(what: str, fix: str) -> None:
        found.append(RawMarkdown(line, what, fix))

    for m in _PLACEMENT.finditer(shown):
        add(f"'{m[0]}' is inside other text, so it is shown as typed and no question is placed",
            f"put {m[0]} alone on a line of its own, at the start of the line")
    placed = _PLACEMENT.sub("\1", shown)
    for m in _BROKEN_LINK.finditer(placed):
        image, label, dest, closed = m[1], m[2], m[3].strip(), m[4]
        kind = "image" if image else "link"
        if not closed:
            add(f"the {kind} '{m[0]}' has no closing bracket ')', so it is shown as typed",
                f"end the {kind}'s address with ')'")
        elif _UNSAFE_SCHEME.match(dest):
            add(f"the {kind} '{m[0]}' uses '{_UNSAFE_SCHEME.match(dest)[1]}:', which a package does not follow",
                "link to a web page (https://...) or to a file in the unit's media/ folder")
        elif " " in dest and not (dest.startswith("<") and dest.endswith(">")):
            add(f"the {kind} '{m[0]}' has a space in its address, so Markdown shows it as typed",
                f"write the name in angle brackets: {image}[{label}](<{dest}>), or rename the file without spaces "
                f"(e.g. {dest.replace(' ', '-')})")
        else:
            add(f"the {kind} '{m[0]}' is not read as a {kind}", f"write it as {image}[text](address), "
                "with nothing between ] and (")
    for m in _REFERENCE.finditer(placed):
        add(f"'{m[0]}' refers to a link '{m[2] or m[1]}' that is defined nowhere, so it is shown as typed",
            f"write the address in place, [{m[1]}](https://...), or define it on a line of its own: "
            f"[{m[2] or m[1]}]: https://...")
    for m in _FOOTNOTE.finditer(placed):
        add(f"'{m[0]}' is a footnote, which the player does not show as one",
            "write the note in the text itself, e.g. in brackets, or as a list at the end of the page")
    for m in _MARK.finditer(placed):
        add(f"'{m[0]}' is a highlight, which Markdown here does not read", "write **bold** instead")
    for m in _PAGE_ID.finditer(placed):
        add(f"'{m[0]}' is shown as typed: only a page heading ('# Title {m[0]}') takes an id",
            "remove it, or make this heading a page: '# Title {#page-id}' at the start of a line")
    heading = _NO_SPACE_HEADING.match(placed)
    if heading:
        add(f"'{placed.strip()[:40]}' is not a heading: Markdown needs a space after {heading[1]}",
            f"write '{heading[1]} {placed.strip()[len(heading[1]):][:30]}', or \\# to show the sign itself")
    if _UNREAD_STRONG.search(placed):
        add("'**' is shown as typed: bold text needs its stars right next to the words",
            "write **bold words** (no space inside the stars), or \\*\\* to show the stars themselves")
    if "<!--" in placed:
        add("a comment '<!--' that is never closed is shown as typed", "end it with -->")
    elif "-->" in placed:
        add("'-->' closes no comment and is shown as typed", "remove it, or start the comment with <!--")
    tags: set[str] = set()
    for m in _TAG.finditer(placed):
        if m[2].lower() in HTML_ELEMENTS and m[2].lower() not in tags:
            tags.add(m[2].lower())
            add(f"HTML '{m[0]}' is shown as typed: the player does not read HTML",
                _TAG_FIXES.get(m[2].lower(), "write it in Markdown, or leave it out"))
    return found
