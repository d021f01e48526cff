"""The Jinja2 environment every page, manifest and report is written with (templates/).

Autoescaping is on for HTML and XML; an undefined name is an error, never an empty string.
"""

from __future__ import annotations

import json
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

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
    env.globals["question_type"] = get  # questions.html includes the type's own form
    return env


def template(name: str):
    return _env().get_template(name)


def _json_for_script(value) -> str:
    """JSON that can sit inside <script>: no '</script>' or '<!--' can close it early."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
