"""A bundle: one package holding every language of a unit, the learner's language chosen when it opens.

index.html shows the unit's first language's screen, so that it paints as soon as it arrives, as a
one-language package does; every other language's screen sits in an inert <template> (its figures
load only when it is shown). assets/runtime/player/language-guess.js, in <head>, guesses the
learner's language before any screen is parsed and holds the paint while another one may be chosen;
assets/runtime/player/languages.js picks and swaps. The runtime data is the first language's, plus per
language only what differs (interface texts, the unit title, feedback, a fill-in's pattern).
Ids, scoring and the bookmark are language-neutral, so the package has one identity for the LMS.
"""

from __future__ import annotations

from ..load.catalogs import texts
from ..model import Unit
from .package import Files, player_scripts, render_index, runtime_data


def label(unit: Unit) -> str:
    """What stands for the language in a bundle's file name and storage keys: 'en+de'."""
    return "+".join(unit.languages)


def choices(unit: Unit) -> list[dict]:
    """The language switch: each language by its own name and tag (from its UI catalog)."""
    return [{"code": lang, "tag": texts(unit, lang)["language_tag"], "name": texts(unit, lang)["language_name"]}
            for lang in unit.languages]


def language_bound(each: dict[str, object], bundled: object) -> dict[str, dict]:
    """Per language, what to set in the bundle's runtime data while that language is shown.

    `each`: lang -> that language's value (its own package's), `bundled`: the bundle's value. A value
    the same in every language is not repeated. One that differs is language-bound when the bundle
    holds the first language's (texts, feedback, a fill-in's pattern, xAPI's context language);
    when the bundle holds a value of its own (what names the package, e.g. the xAPI unit activity),
    that stays. Found by comparing, so a target or question type needs nothing here.
    A patch maps a key to {"=": value} (set it) or to a patch of the value inside it."""
    values = list(each.values())
    if all(v == values[0] for v in values):
        return {}
    if all(isinstance(v, dict) and v.keys() == values[0].keys() for v in values) and isinstance(bundled, dict) \
            and bundled.keys() == values[0].keys():
        patches: dict[str, dict] = {lang: {} for lang in each}
        for key in values[0]:
            for lang, patch in language_bound({l: v[key] for l, v in each.items()}, bundled[key]).items():
                patches[lang][key] = patch
        return patches if any(patches.values()) else {}
    if bundled != values[0]:
        return {}
    return {lang: {"=": value} for lang, value in each.items()}


def bundle_data(unit: Unit, neutral: dict, configs: dict[str, dict]) -> dict:
    """The bundle's runtime data (the first language's, the adapter's `neutral` config) and, per
    language, the patch that shows it (`configs`: lang -> the adapter's config for that language)."""
    data = runtime_data(unit, unit.languages[0], neutral, unit.languages)
    each = {lang: runtime_data(unit, lang, configs[lang], unit.languages) for lang in unit.languages}
    data["texts"] = language_bound(each, data)
    data["languages"] = choices(unit)
    data["packageLang"] = label(unit)  # storage keys: the same whatever language is shown
    return data


def first_look(unit: Unit) -> dict:
    """What player/language-guess.js reads in <head>: the language the document shows, the choices,
    and where the learner's last choice in this browser is kept (one key whatever is shown)."""
    return {"shown": unit.languages[0], "choices": [{"code": c["code"], "tag": c["tag"]} for c in choices(unit)],
            "key": f"qser:{unit.id}:{label(unit)}:language"}


def render_bundle(unit: Unit, neutral: dict, configs: dict[str, dict], contents: dict,
                  runtime: tuple[str, ...]) -> Files:
    """All files of a bundle but its manifest; `contents`: lang -> render_content(unit, lang);
    `neutral`: the adapter's config for the bundle (lang None), `configs` per language."""
    files: Files = {}
    for lang in unit.languages:
        files.update(contents[lang][1])
    first, others = unit.languages[0], unit.languages[1:]
    screens = [{"lang": lang, "ui": texts(unit, lang), "pages": contents[lang][0]} for lang in others]
    html = render_index(unit, first, contents[first][0], bundle_data(unit, neutral, configs),
                        player_scripts(runtime, ("player/languages.js",)), bundle=screens, choices=choices(unit),
                        first_look=first_look(unit))
    files["index.html"] = html.encode("utf-8")
    return files
