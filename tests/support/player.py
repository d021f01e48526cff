"""The player as the browser tests open it: its interface texts, and the seed unit's html package opened."""

from __future__ import annotations

import yaml

from builder import ASSETS
from tests.support.learner import Learner


def ui(lang: str) -> dict:
    return yaml.safe_load((ASSETS / "i18n" / f"{lang}.yaml").read_text("utf-8"))


def open_unit(page, serve, unpacked, lang):
    base = serve(unpacked[(lang, "html")])
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/index.html")
    learner = Learner(page, page.seed_unit, lang)
    learner.wait_ready()
    return base, requests, learner
