"""The player's interface strings, one catalog per language (assets/i18n/<lang>.yaml).

A unit can use the languages that have a catalog; the verdict check, the renderer, the
targets and the report read the same texts from here.
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from .. import ASSETS


def supported_languages() -> list[str]:
    return sorted(p.stem for p in (ASSETS / "i18n").glob("*.yaml"))


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict:
    """The player's interface strings in one language."""
    return yaml.safe_load((ASSETS / "i18n" / f"{lang}.yaml").read_text("utf-8"))


def catalog_or_english(lang: str) -> dict:
    """The interface strings in `lang` where a catalog exists (any added one), else English."""
    return catalog(lang if lang in supported_languages() else "en")
