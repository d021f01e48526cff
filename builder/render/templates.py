"""The Jinja2 environment every page, manifest and report is written with (templates/).

Autoescaping is on for HTML and XML; an undefined name is an error, never an empty string.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .. import TEMPLATES
from ..questiontypes import get


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tojson_script"] = _json_for_script
    env.filters["keep_together"] = keep_together
    env.globals["question_type"] = get  # questions.html includes the type's own form
    return env


def template(name: str):
    return _env().get_template(name)


def _json_for_script(value) -> str:
    """JSON that can sit inside <script>: no '</script>' or '<!--' can close it early."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# A word joined to a part of one or two characters ("Q-SER", "E-Mail"): breaking it at the hyphen
# would leave "Q-" alone at a line's end. (player/result.js keeps the texts it writes the same way.)
_SHORT_JOIN = re.compile(r"(^|[^\w-])(\w{1,2}-\w+)")


def keep_together(value) -> Markup:
    """Text (escaped here) or safe HTML with such words wrapped in a span that does not wrap."""
    html = str(value) if isinstance(value, Markup) else str(escape(value))
    parts = re.split(r"(<[^>]*>)", html)
    for i in range(0, len(parts), 2):  # the text between tags, never a tag or its attributes
        parts[i] = _SHORT_JOIN.sub(r'\1<span class="nowrap">\2</span>', parts[i])
    return Markup("".join(parts))
