"""The player's interface texts, one catalog per language: shipped with the tool
(assets/i18n/<lang>.yaml) or brought by a content project (i18n/<lang>.yaml beside units/).

A unit can use every language that has a catalog. The loader puts the catalogs of a unit's
languages into the model (`Unit.ui`), so the renderer and the targets read them from there
(`texts(unit, lang)`) and never look for files. A project's catalog is checked against the shipped
English one: the same keys, a text for each, the same {placeholders}. Keys are compared
generically, so a key added to the player needs no change here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .. import ASSETS
from ..errors import Problems
from .sources import SourcesMixin
from .yamlsource import Map, Seq

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PROJECT_FOLDER = "i18n"  # beside units/ in a content project


def supported_languages() -> list[str]:
    """The languages the tool itself has texts for."""
    return sorted(p.stem for p in (ASSETS / "i18n").glob("*.yaml"))


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict:
    """The tool's own interface texts in one language."""
    return yaml.safe_load((ASSETS / "i18n" / f"{lang}.yaml").read_text("utf-8"))


def catalog_or_english(lang: str) -> dict:
    """The interface strings in `lang` where a catalog exists (any added one), else English."""
    return catalog(lang if lang in supported_languages() else "en")


def texts(unit, lang: str) -> dict:
    """The interface texts a unit's package shows in `lang`: the ones the loader gave it."""
    return unit.ui[lang] if lang in unit.ui else catalog(lang)


def english_template() -> str:
    """The English catalog as a file to translate (`qser new language`)."""
    return (ASSETS / "i18n" / "en.yaml").read_text("utf-8")


class _CatalogReader(SourcesMixin):
    def __init__(self, folder: Path, problems: Problems):
        self.folder = folder
        self.problems = problems


def project_catalogs(project: Path, problems: Problems) -> dict[str, dict]:
    """lang -> interface texts of every i18n/<lang>.yaml of a content project; a file with
    problems is left out (its problems recorded), so no unit is built with half a catalog."""
    folder = Path(project) / PROJECT_FOLDER
    if not folder.is_dir():
        return {}
    reader = _CatalogReader(folder, problems)
    reference = catalog("en")
    found = {}
    for path in sorted(folder.glob("*.yaml")):
        lang = path.stem
        if not LANGUAGE_CODE.match(lang):
            problems.add(path, None, f"'{lang}' is not a language code",
                         "name the file after the language's two- or three-letter code, e.g. es.yaml")
            continue
        before = len(problems.items)
        data = reader.read_yaml(path)
        if data is None:
            continue
        if not isinstance(data, Map):
            problems.add(path, getattr(data, "line", 1), "must be a mapping of the player's texts",
                         f"start from the English texts: qser new language {lang}")
            continue
        _compare(problems, path, data, reference, "")
        tag = data.get("language_tag")
        if isinstance(tag, str) and not LANGUAGE_TAG.match(tag):
            problems.add(path, data.key_line("language_tag"), f"language_tag '{tag}' is not a language tag",
                         f"write the language and region, e.g. language_tag: {lang}-{lang.upper()}")
        if len(problems.items) == before:
            found[lang] = _plain(data)
    return found


def _compare(problems: Problems, path: Path, data: Map, reference: dict, prefix: str) -> None:
    """The same keys as English, of the same kind, with the same placeholders."""
    order = list(reference)
    for key, english in reference.items():
        name = f"{prefix}{key}"
        if key not in data:
            after = next((k for k in order[order.index(key) + 1:] if k in data), None)  # where it goes
            problems.add(path, data.key_line(after) if after else data.line, f"the player's text '{name}' is missing",
                         f"add it under its key, translated from the English: {name}: {_shown(english)}")
            continue
        value, line = data[key], data.key_line(key)
        if isinstance(english, dict):
            if not isinstance(value, Map):
                problems.add(path, line, f"'{name}' must hold the texts {', '.join(english)}",
                             f"write them indented below '{key}:', as in the English catalog")
            else:
                _compare(problems, path, value, english, f"{name}.")
        elif isinstance(english, list):
            if not isinstance(value, Seq) or len(value) != len(english) or not all(isinstance(v, str) for v in value):
                problems.add(path, line, f"'{name}' must be a list of {len(english)} texts",
                             f"translate each of: {_shown(english)}")
        elif not isinstance(value, str) or not value.strip():
            problems.add(path, line, f"'{name}' must be a text", f"translate it: {name}: {_shown(english)} "
                         "(quote it if it looks like a number or yes/no)")
        elif set(PLACEHOLDER.findall(value)) != set(PLACEHOLDER.findall(english)):
            wanted = ", ".join("{" + p + "}" for p in sorted(set(PLACEHOLDER.findall(english)))) or "none"
            problems.add(path, line, f"'{name}' has the placeholders "
                         f"{', '.join('{' + p + '}' for p in sorted(set(PLACEHOLDER.findall(value)))) or 'none'}, "
                         f"the player fills in {wanted}", f"keep them as in the English text: {_shown(english)}")
    for key in data:
        if key not in reference:
            problems.add(path, data.key_line(key), f"unknown key '{prefix}{key}': the player has no text of that name",
                         "remove it, or check its spelling against the English catalog (qser new language prints it)")


def _shown(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def _plain(value):
    """A catalog as plain dicts, lists and strings (the model holds no YAML line numbers)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
