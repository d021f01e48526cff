"""`qser new question TYPE`: a ready-to-edit questions.yaml block in the unit's languages;
`qser new language CODE`: the player's texts to translate, as i18n/<code>.yaml of the project.

Each block is a valid question as it stands (its texts are placeholders), so an author
pastes it, runs `qser check` and then replaces the words.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..load.catalogs import LANGUAGE_CODE, PROJECT_FOLDER, english_template, supported_languages
from ..load.pages import SLUG
from ..printable import printable
from ..questiontypes import TYPES
from .common import find_project, project_folder, unit_languages, units_folder, units_option

_WORDS = {
    "en": {"prompt": "Your question?", "correct": "Why this answer is right.",
           "wrong": "A hint where to look, not the answer.", "reveal": "What the right answer is, and why.",
           "neutral": "Thank you for your thoughts.",
           "choice1": "An answer", "choice2": "Another answer", "choice3": "A third answer",
           "source1": "One", "source2": "Two", "target1": "First", "target2": "Second",
           "step1": "First step", "step2": "Second step", "step3": "Third step",
           "disagree": "Disagree", "neutral_point": "Neither", "agree": "Agree", "answer": "keyword"},
    "de": {"prompt": "Ihre Frage?", "correct": "Warum diese Antwort stimmt.",
           "wrong": "Ein Hinweis, wo es steht, nicht die Antwort.", "reveal": "Was die richtige Antwort ist, und warum.",
           "neutral": "Danke für Ihre Gedanken.",
           "choice1": "Eine Antwort", "choice2": "Eine andere Antwort", "choice3": "Eine dritte Antwort",
           "source1": "Eins", "source2": "Zwei", "target1": "Erstes", "target2": "Zweites",
           "step1": "Erster Schritt", "step2": "Zweiter Schritt", "step3": "Dritter Schritt",
           "disagree": "Stimme nicht zu", "neutral_point": "Weder noch", "agree": "Stimme zu", "answer": "Stichwort"},
}


def _text(key: str, languages: list[str]) -> str:
    if key == "neutral":
        key = "neutral_point"
    parts = [f"{lang}: {_WORDS.get(lang, {}).get(key) or _WORDS['en'][key] + ' (' + lang + ')'}" for lang in languages]
    return "{" + ", ".join(parts) + "}"


def question_snippet(qtype: str, languages: list[str], qid: str = "new-question") -> str:
    if qtype not in TYPES:
        raise ValueError(qtype)
    body = TYPES[qtype].snippet  # the type's part, {t:KEY} where a text per language goes
    body = body.replace("{answers}", "".join(f"    {lang}: [{_WORDS.get(lang, _WORDS['en'])['answer']}]\n"
                                             for lang in languages))
    body = re.sub(r"\{t:(\w+)\}", lambda m: _text(m.group(1), languages), body)
    lines = [f"- id: {qid}", f"  type: {qtype}", "  prompt:"]
    lines += [f"    {lang}: {_WORDS.get(lang, _WORDS['en'])['prompt']}" for lang in languages]
    text = "\n".join(lines) + "\n" + body
    kinds = ("correct", "wrong", "reveal") if TYPES[qtype].scored else ("neutral",)
    text += "  feedback:\n"
    for kind in kinds:
        text += f"    {kind}:\n" + "".join(f"      {lang}: {_WORDS.get(lang, _WORDS['en'])[kind]}\n" for lang in languages)
    return text


@click.group()
def new() -> None:
    """Print a ready-to-edit block for a source file."""


@new.command("question")
@click.argument("qtype", metavar="TYPE", type=click.Choice(list(TYPES)))
@click.option("--unit", "unit_id", default=None, help="Write the texts in this unit's languages. Default: the "
              "project's first unit, or en and de outside a project.")
@click.option("--id", "qid", default="new-question", show_default=True, help="The question's id.")
@units_option
def new_question(qtype, unit_id, qid, units_dir) -> None:
    """A question of TYPE for questions.yaml, in the unit's languages."""
    for option, value in (("--id", qid), ("--unit", unit_id)):
        if value is not None and not SLUG.match(value):
            raise click.BadParameter(f"{printable(value)!r} is not an id: use lowercase ASCII letters, digits and "
                                     "single hyphens, e.g. team-roles", param_hint=option)
    languages = ["en", "de"]
    if unit_id or units_dir or find_project(Path.cwd()):
        languages = unit_languages(units_folder(units_dir), unit_id) or languages
    click.echo(question_snippet(qtype, languages, qid), nl=False)


@new.command("language")
@click.argument("code")
def new_language(code) -> None:
    """The player's texts (buttons, verdicts, notices) for a new language CODE, in English, as
    i18n/CODE.yaml of the project: translate them, then add CODE to a unit's languages."""
    if not LANGUAGE_CODE.match(code):
        raise click.BadParameter(f"{printable(code)!r} is not a language code: use its two or three lowercase "
                                 "letters, e.g. es", param_hint="CODE")
    target = project_folder() / PROJECT_FOLDER / f"{code}.yaml"
    if target.exists():
        click.echo(f"error: {printable(target)} exists already; nothing was written", err=True)
        raise SystemExit(1)
    text = english_template()
    text = re.sub(r"^# .*\n", f"# The player's texts in '{code}' for this project's units. Translate every value; keep\n"
                  "# the keys and the {placeholders} as they are. language_tag: the language and region\n"
                  "# (e.g. es-ES); language_name: the language's own name (e.g. Español).\n", text, count=1)
    text = re.sub(r"^language_tag: .*$", f"language_tag: {code}", text, count=1, flags=re.M)
    try:
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, "utf-8")
    except OSError as e:
        click.echo(f"error: cannot write {printable(target)}: {printable(e.strerror or e)}", err=True)
        raise SystemExit(1) from None
    replaces = " (it replaces the tool's own texts in this language)" if code in supported_languages() else ""
    click.echo(f"wrote {printable(target)}{replaces}: translate its texts, add {code} to a unit's languages and "
               f"write that unit's {code}.md, then run qser check")
