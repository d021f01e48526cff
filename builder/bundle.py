"""A bundle: one package holding every language of a unit, the learner's language chosen when it opens.

Each language's screen sits in an inert <template> in index.html (its figures load only when it is
shown); the runtime data is the first language's, plus per language only what differs (interface
texts, the unit title, question data such as feedback). assets/runtime/languages.js picks and swaps.
Ids, scoring and the bookmark are language-neutral, so the package has one identity for the LMS.
"""

from __future__ import annotations

from .model import Unit
from .render import Files, catalog, player_files, render_index, runtime_data


def label(unit: Unit) -> str:
    """What stands for the language in a bundle's file name and storage keys: 'en+de'."""
    return "+".join(unit.languages)


def choices(unit: Unit) -> list[dict]:
    """The language switch: each language by its own name and tag (from its UI catalog)."""
    return [{"code": lang, "tag": catalog(lang)["language_tag"], "name": catalog(lang)["language_name"]}
            for lang in unit.languages]


def bundle_data(unit: Unit, tracker_config: dict) -> dict:
    """The runtime data of the first language, and per language the values that differ between
    languages (found by comparing, so a question type adding language-bound data needs nothing here)."""
    each = {lang: runtime_data(unit, lang, tracker_config) for lang in unit.languages}
    data = each[unit.languages[0]]
    varying = {qid: [key for key, value in q.items() if any(each[l]["questions"][qid][key] != value for l in each)]
               for qid, q in data["questions"].items()}
    data["texts"] = {lang: {"lang": lang, "ui": d["ui"], "title": d["unit"]["title"],
                            "questions": {qid: {key: d["questions"][qid][key] for key in keys}
                                          for qid, keys in varying.items() if keys}}
                     for lang, d in each.items()}
    data["languages"] = choices(unit)
    data["packageLang"] = label(unit)  # storage keys: the same whatever language is shown
    return data


def render_bundle(unit: Unit, tracker: str, tracker_config: dict, contents: dict, runtime: tuple[str, ...]) -> Files:
    """All files of a bundle but its manifest; `contents`: lang -> render_content(unit, lang)."""
    files: Files = {}
    screens = []
    for lang in unit.languages:
        pages, media = contents[lang]
        files.update(media)
        screens.append({"lang": lang, "ui": catalog(lang), "pages": pages})
    first = unit.languages[0]
    html = render_index(unit, first, contents[first][0], tracker, bundle_data(unit, tracker_config),
                        bundle=screens, choices=choices(unit))
    files["index.html"] = html.encode("utf-8")
    files.update(player_files(tracker, runtime, ("languages.js",)))
    return files
