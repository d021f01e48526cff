"""Author Markdown -> safe HTML: raw HTML is shown as text, comments are dropped, links cannot run
script; a link to a file of the unit opens that file in the package, a web or mail link opens beside
the unit (never inside the LMS's frame)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape as html_escape
from html import unescape as html_unescape

from ..load.markdown import MARKDOWN
from urllib.parse import quote

from ..load.media import is_external, link_target, media_name


@dataclass(frozen=True)
class Figure:
    """Where an image sits in the package, its phone layout, and its text version (HTML)."""

    url: str
    narrow: str | None = None
    text: str | None = None


def package_url(name: str) -> str:
    """Where a file of the unit's media/ folder is in the package, as a URL (spaces, umlauts encoded)."""
    return "media/" + quote(name, safe="/")


def to_html(text: str, figures: dict[str, Figure], text_label: str = "Text version of the figure") -> str:
    """Render one page body; image sources and links to the unit's files are replaced by their
    place in the package (the loader has checked that each is there).

    An image alone in its paragraph becomes a figure: on screens up to 30rem its narrow
    layout, and below it its text version in an expandable box labelled `text_label`."""
    tokens = MARKDOWN.parse(text)
    for block in tokens:
        for child in block.children or ():
            if child.type == "image":
                child.attrSet("src", figures[media_name(child.attrGet("src") or "")].url)
                child.attrSet("loading", "lazy")
            elif child.type == "link_open":
                href = child.attrGet("href") or ""
                if not is_external(href):
                    file, fragment = link_target(href)
                    child.attrSet("href", package_url(media_name(file)) + fragment)
                # A link inside an LMS frame would replace the course: open it beside.
                child.attrSet("target", "_blank")
                child.attrSet("rel", "noopener noreferrer")
    by_url = {f.url: f for f in figures.values()}

    def figure(m: re.Match) -> str:
        fig = by_url.get(html_unescape(m["src"]))
        img = m[1]
        if fig and fig.narrow:
            img = (f'<picture><source media="(max-width: 30rem)" srcset="{html_escape(fig.narrow)}">'
                   f"{img}</picture>")
        details = ""
        if fig and fig.text:
            details = f"<details><summary>{html_escape(text_label)}</summary>\n{fig.text}</details>"
        return f'<figure class="figure">{img}{details}</figure>'

    return _FIGURE.sub(figure, MARKDOWN.renderer.render(tokens, MARKDOWN.options, {}))


# An image alone in its paragraph is a figure.
_FIGURE = re.compile(r'<p>(<img src="(?P<src>[^"]*)" alt="[^"]*" loading="lazy" />)</p>')
