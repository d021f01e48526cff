"""Author mistakes in a unit's content: each one gets the file, the line, what is wrong and how to fix it.

Every case starts from the valid unit in tests/fixtures/tiny and breaks one thing; the files
themselves (encoding, missing, links, size) and the command line are test_check_files.py's.
"""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from builder import DOCS
from builder.cli import main
from tests.support.tiny import TINY, broken_unit, in_tmp  # noqa: F401  (in_tmp: fixture)

# (case id, file, text to replace, replacement, the exact message qser prints)
CASES = [
    ("yaml-syntax", "questions.yaml", "prompt: {en: Match them., de: Ordnen Sie zu.}",
     "prompt: {en: Match them., de: Ordnen Sie zu.",
     "units/tiny/questions.yaml:17: is not valid YAML: did not find expected ',' or '}'\n"
     "  fix: check indentation and quoting near this line"),
    ("unknown-question-id", "de.md", "[question: pairs]", "[question: pears]",
     "units/tiny/de.md:11: question 'pears' is not in questions.yaml\n"
     "  fix: check the spelling, or add the question to questions.yaml"),
    # issue 26: the misspelt id is the cause, in whichever file it is: no comparison that blames the other file
    ("unknown-question-id-in-the-first-language", "en.md", "[question: pairs]", "[question: pears]",
     "units/tiny/en.md:11: question 'pears' is not in questions.yaml\n"
     "  fix: check the spelling, or add the question to questions.yaml"),
    ("page-missing-in-language", "de.md", "# Prüfung {#check}", "# Prüfung {#test}",
     "units/tiny/de.md:7: page 'test' is page 'check' in en.md (line 7): the ids differ\n"
     "  fix: use one id in every language file: correct it here or in en.md"),
    ("page-missing-in-a-language", "de.md", "# Prüfung {#check}\n", "",
     "units/tiny/de.md: page 'check' of en.md (line 7) is missing here\n"
     "  fix: add '# <title> {#check}' with its translation, or remove it from en.md"),
    ("missing-translation", "questions.yaml", 'prompt: {en: "Anything to add?", de: "Noch etwas?"}',
     'prompt: {en: "Anything to add?"}',
     "units/tiny/questions.yaml:35: the prompt of question 'note' has no 'de' translation\n"
     "  fix: add 'de: ...' to the prompt of question 'note'"),
    ("correct-choice-does-not-exist", "questions.yaml", "match: second", "match: third",
     "units/tiny/questions.yaml:23: question 'pairs': source 'two' matches 'third', which is not a target\n"
     "  fix: set match: to one of the target ids: first, second"),
    ("two-correct-single-choice", "questions.yaml", "text: {en: Green, de: Grün}",
     "text: {en: Green, de: Grün}\n      correct: true",
     "units/tiny/questions.yaml:4: question 'colour': a single-choice question needs exactly one correct choice, it has 2\n"
     "  fix: mark exactly one choice with 'correct: true', or make it a multiple-choice question"),
    ("missing-image", "en.md", "impact-circular-model.en.svg", "impact-model.svg",
     "units/tiny/en.md:5: image 'impact-model.svg' not found in the unit's media/ folder\n"
     "  fix: put the image into the unit's media/ folder and use its name, e.g. ![alt](figure.svg) or ![alt](media/figure.svg)"),
    ("image-outside-the-unit", "en.md", "impact-circular-model.en.svg", "../../secret.svg",
     "units/tiny/en.md:5: image path '../../secret.svg' leaves the unit's media/ folder\n"
     "  fix: put the image into the unit's media/ folder and use its name, e.g. ![alt](figure.svg) or ![alt](media/figure.svg)"),
    ("image-from-the-web", "de.md", "impact-circular-model.de.svg", "https://cdn.example.com/x.svg",
     "units/tiny/de.md:5: image 'https://cdn.example.com/x.svg' is a web address; packages must work offline\n"
     "  fix: download the image into the unit's media/ folder and use its file name"),
    ("unknown-question-type", "questions.yaml", "type: free-text", "type: essay",
     "units/tiny/questions.yaml:34: question 'note' has an unknown type 'essay'\n"
     "  fix: use one of: true-false, single-choice, multiple-choice, matching, sequencing, fill-in, numeric, likert, free-text"),
    ("mastery-score-out-of-range", "unit.yaml", "mastery_score: 50", "mastery_score: 150",
     "units/tiny/unit.yaml:14: mastery_score 150 is not a whole number from 0 to 100\n"
     "  fix: give the pass mark in percent, e.g. mastery_score: 80"),
    ("unsupported-language", "unit.yaml", "languages: [en, de]", "languages: [en, xx]",
     "units/tiny/unit.yaml:3: language 'xx' has no player texts\n"
     "  fix: use one of: de, en, fr; or give the player's texts in 'xx': run qser new language xx in the project "
     "folder and translate i18n/xx.yaml"),
    ("format-without-a-language", "unit.yaml", "duration_minutes: 5", "duration_minutes: 5\nformat: {en: Workshop}",
     "units/tiny/unit.yaml:14: format has no 'de' translation\n"
     "  fix: add 'de: ...' to format"),
    ("unknown-key", "unit.yaml", "mastery_score: 50", "mastery: 50",
     "units/tiny/unit.yaml:14: unknown key 'mastery' in unit.yaml\n"
     "  fix: remove it or use one of: attempts, author, completion, description, duration_minutes, format, id, "
     "languages, mastery_score, objectives, retakes, scoring, title, version, xapi_base\n"
     "units/tiny/unit.yaml:1: unit.yaml lacks the key 'mastery_score'\n"
     f"  fix: add 'mastery_score:' (see {DOCS / 'authoring.md'})"),
    ("retakes-not-a-number", "unit.yaml", "mastery_score: 50", "mastery_score: 50\nretakes: often",
     "units/tiny/unit.yaml:15: retakes 'often' is not a whole number from 0 to 9 or 'unlimited'\n"
     "  fix: give how often a learner who did not pass may take the check again, e.g. retakes: 1 "
     "(0: never, unlimited: as often as they like)"),
    ("numeric-hint-gives-the-answer-away", "questions.yaml",
     '- id: note\n  type: free-text\n  prompt: {en: "Anything to add?", de: "Noch etwas?"}',
     '- id: note\n  type: numeric\n  prompt: {en: "How many?", de: "Wie viele?"}\n  correct: 7\n  feedback:\n'
     '    correct: {en: Yes., de: Ja.}\n    wrong: {en: "Count the partners again.", de: "Es sind 7,0 Partner."}',
     "units/tiny/questions.yaml:39: the wrong feedback (de) of question 'note' contains '7,0', an answer the "
     "player accepts: the hint gives the answer away\n"
     "  fix: say where to look or what to think about, not the answer itself"),
    ("fill-in-hint-gives-the-answer-away", "questions.yaml",
     '- id: note\n  type: free-text\n  prompt: {en: "Anything to add?", de: "Noch etwas?"}',
     '- id: note\n  type: fill-in\n  prompt: {en: "Honesty and …", de: "Ehrlichkeit und …"}\n'
     '  answers: {en: [confidentiality, trust], de: [Vertrauen]}\n  feedback:\n'
     '    correct: {en: Yes., de: Ja.}\n    wrong:\n      en: Think of   TRUST between people.\n      de: Lesen Sie nach.',
     "units/tiny/questions.yaml:40: the wrong feedback (en) of question 'note' contains 'trust', an answer the "
     "player accepts: the hint gives the answer away\n"
     "  fix: say where to look or what to think about, not the answer itself"),
    ("duplicate-question-id", "questions.yaml", "- id: note", "- id: colour",
     "units/tiny/questions.yaml:33: question id 'colour' is used twice (first on line 1)\n"
     "  fix: give every question its own id\n"
     "units/tiny/en.md:13: question 'note' is not in questions.yaml\n"
     "  fix: check the spelling, or add the question to questions.yaml\n"
     "units/tiny/de.md:13: question 'note' is not in questions.yaml\n"
     "  fix: check the spelling, or add the question to questions.yaml"),
    ("question-not-placed", "en.md", "[question: note]\n", "",
     "units/tiny/de.md:7: page 'check' places 'colour', 'pairs', 'note' here, but 'colour', 'pairs' in en.md (line 7)\n"
     "  fix: place the same questions in the same order in every language file"),
    ("question-placed-nowhere", "questions.yaml", "- id: note", "- id: extra\n  type: free-text\n"
     "  prompt: {en: More?, de: Mehr?}\n\n- id: note",
     "units/tiny/questions.yaml:33: question 'extra' is not placed on any page\n"
     "  fix: add a line '[question: extra]' to a page of every language file, or remove the question"),
    ("heading-without-page-id", "en.md", "# Check {#check}", "# Check",
     "units/tiny/en.md:7: a level-1 heading without a page id\n"
     "  fix: end it with an id like '# Title {#page-id}', or use '##' for a heading inside a page"),
    ("unit-id-differs-from-folder", "unit.yaml", "id: tiny", "id: small",
     "units/tiny/unit.yaml:1: id 'small' differs from the folder name 'tiny'\n"
     "  fix: rename the folder or set id: tiny"),
    ("scored-question-without-feedback", "questions.yaml",
     '  feedback:\n    correct: {en: Yes., de: Ja.}\n    wrong: {en: "No, blue.", de: "Nein, blau."}\n', "",
     "units/tiny/questions.yaml:1: question 'colour' has no feedback\n"
     "  fix: add feedback: with a correct: and a wrong: text in every language"),
    ("duplicate-yaml-key", "unit.yaml", "duration_minutes: 5", "duration_minutes: 5\nversion: 2.0.0",
     "units/tiny/unit.yaml:14: is not valid YAML: duplicate key 'version'\n"
     "  fix: check indentation and quoting near this line"),
    ("languages-not-a-list", "unit.yaml", "languages: [en, de]", "languages: en, de",
     "units/tiny/unit.yaml:3: languages must be a non-empty list of language codes\n"
     "  fix: write e.g. languages: [en, de]"),
    ("duplicate-page-id", "en.md", "# Check {#check}", "# Check {#welcome}",
     "units/tiny/en.md:7: page id 'welcome' is used twice (first on line 1)\n"
     "  fix: give every page its own id"),
    ("empty-page", "en.md", "Some text.\n\n![A figure](impact-circular-model.en.svg)", "",
     "units/tiny/en.md:1: page 'welcome' is empty: nothing below its heading\n"
     "  fix: write its text or place a question below the heading, or remove the page"),
    ("text-before-first-page", "de.md", "# Willkommen {#welcome}", "Vorwort\n\n# Willkommen {#welcome}",
     "units/tiny/de.md:1: text before the first page heading\n"
     "  fix: start the file with a page heading like '# Welcome {#welcome}'"),
    ("page-id-not-a-slug", "en.md", "{#check}", "{#Check Page}",
     "units/tiny/en.md:7: page id 'Check Page' is not a slug\n"
     "  fix: use lowercase ASCII letters, digits and hyphens, e.g. {#impact-model}"),
    ("question-placed-twice", "en.md", "[question: note]", "[question: note]\n\n[question: colour]",
     "units/tiny/en.md:15: question 'colour' is placed twice (also on page 'check', line 9)\n"
     "  fix: place every question once"),
    ("choices-not-a-list", "questions.yaml", "  choices:\n    - id: blue", "  choices: blue\n  old:\n    - id: blue",
     "units/tiny/questions.yaml:5: unknown key 'old' in question 'colour'\n"
     "  fix: remove it or use one of: attempts, choices, feedback, id, prompt, type, weight\n"
     "units/tiny/questions.yaml:4: question 'colour': choices must be a list of 2 to 26 entries\n"
     "  fix: give between 2 and 26 '- id: ..., text: ...' entries under choices"),
    ("question-id-not-ascii", "questions.yaml", "- id: note", "- id: notiz-für-später",
     "units/tiny/questions.yaml:33: question id 'notiz-für-später' is not a slug\n"
     "  fix: use lowercase ASCII letters, digits and hyphens (at most 64); the id shows in the LMS reports\n"
     "units/tiny/en.md:13: question 'note' is not in questions.yaml\n"
     "  fix: check the spelling, or add the question to questions.yaml\n"
     "units/tiny/de.md:13: question 'note' is not in questions.yaml\n"
     "  fix: check the spelling, or add the question to questions.yaml"),
    ("absolute-image-path", "de.md", "impact-circular-model.de.svg", "/etc/passwd",
     "units/tiny/de.md:5: image path '/etc/passwd' leaves the unit's media/ folder\n"
     "  fix: put the image into the unit's media/ folder and use its name, e.g. ![alt](figure.svg) or ![alt](media/figure.svg)"),
    ("xapi-base-not-an-iri", "unit.yaml", "xapi_base: https://example.org/units/tiny", "xapi_base: units/tiny",
     "units/tiny/unit.yaml:15: xapi_base 'units/tiny' is not an http(s) IRI\n"
     "  fix: give a web address you control, e.g. https://example.org/q-ser/units/tiny"),
    ("translation-for-unknown-language", "unit.yaml", "  de: Eine kleine Einheit", "  de: Eine kleine Einheit\n  fr: Une petite unité",
     "units/tiny/unit.yaml:5: title has a 'fr' text but 'fr' is not in languages\n"
     "  fix: remove it or add 'fr' to languages in unit.yaml"),
    ("comma-in-a-translation-map", "questions.yaml", "text: {en: Green, de: Grün}", "text: {en: Green, light, de: Grün}",
     "units/tiny/questions.yaml:9: the text of 'green' of question 'colour' has an entry 'light' with no text: "
     "inside {...} a comma starts a new entry\n"
     '  fix: quote a text that holds a comma, e.g. {en: "a, b"}'),
    ("empty-translation", "questions.yaml", "text: {en: Green, de: Grün}", "text: {en: Green, de: ''}",
     "units/tiny/questions.yaml:9: the text of 'green' of question 'colour' has an empty or non-text 'de' translation\n"
     "  fix: write the de text (quote it if it looks like a number or yes/no)"),
    ("feedback-repeats-the-verdict", "questions.yaml", 'wrong: {en: "No, blue.", de: "Nein, blau."}',
     'wrong: {en: "Not quite: blue.", de: "Nicht ganz: blau."}',
     "units/tiny/questions.yaml:12: the wrong feedback (en) of question 'colour' starts with 'Not quite', "
     "but the player already says 'Not quite.' before it\n"
     "  fix: start with the explanation itself, e.g. remove 'Not quite'\n"
     "units/tiny/questions.yaml:12: the wrong feedback (de) of question 'colour' starts with 'Nicht ganz', "
     "but the player already says 'Nicht ganz.' before it\n"
     "  fix: start with the explanation itself, e.g. remove 'Nicht ganz'"),
    ("correct-feedback-says-right", "questions.yaml", "correct: {en: Yes., de: Ja.}",
     "correct: {en: \"Right, blue.\", de: \"Richtig, blau.\"}",
     "units/tiny/questions.yaml:11: the correct feedback (en) of question 'colour' starts with 'Right', "
     "but the player already says 'Correct.' before it\n"
     "  fix: start with the explanation itself, e.g. remove 'Right'\n"
     "units/tiny/questions.yaml:11: the correct feedback (de) of question 'colour' starts with 'Richtig', "
     "but the player already says 'Ihre Antwort ist richtig.' before it\n"
     "  fix: start with the explanation itself, e.g. remove 'Richtig'"),
    ("attempts-out-of-range", "questions.yaml", "  type: single-choice", "  type: single-choice\n  attempts: 0",
     "units/tiny/questions.yaml:3: question 'colour': attempts 0 is not a whole number from 1 to 9\n"
     "  fix: give the number of tries a learner gets, e.g. attempts: 2"),
    ("scoring-unknown", "unit.yaml", "mastery_score: 50", "mastery_score: 50\nscoring: last",
     "units/tiny/unit.yaml:15: scoring 'last' is unknown\n"
     "  fix: use first (the first try counts) or best (the best try counts)"),
]


def test_the_fixture_itself_is_valid(in_tmp):
    shutil.copytree(TINY, in_tmp / "units" / "tiny")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "ok  tiny 0.1.0: 2 pages, 3 questions (2 scored), languages en, de" in result.output


@pytest.mark.parametrize("case, file, old, new, expected", CASES, ids=[c[0] for c in CASES])
def test_check_names_file_line_problem_and_fix(in_tmp, case, file, old, new, expected):
    broken_unit(in_tmp, file, old, new)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    n = expected.count("\n  fix: ")
    assert result.stderr == f"{expected}\n{n} problem{'s' if n > 1 else ''} found; nothing was built.\n"


def test_a_page_file_for_a_language_the_unit_does_not_list_is_not_ignored(in_tmp):
    shutil.copytree(TINY, in_tmp / "units" / "tiny")
    (in_tmp / "units" / "tiny" / "fr.md").write_text("# Bienvenue {#welcome}\n", "utf-8")
    (in_tmp / "units" / "tiny" / "notes.md").write_text("not a language file\n", "utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "units/tiny/fr.md: is a page file for 'fr', which is not in languages\n"
        "  fix: add 'fr' to languages in unit.yaml, or rename the file while it is a draft (e.g. fr.draft.md)\n")


@pytest.mark.parametrize("case, file, old, new, expected", CASES, ids=[c[0] for c in CASES])
def test_a_broken_unit_writes_no_zip(in_tmp, case, file, old, new, expected):
    broken_unit(in_tmp, file, old, new)
    shutil.copytree(TINY, in_tmp / "units" / "fine")  # a good unit beside it is not built either
    (in_tmp / "units" / "fine" / "unit.yaml").write_text(
        (TINY / "unit.yaml").read_text().replace("id: tiny", "id: fine"))
    (in_tmp / "dist").mkdir()
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert list((in_tmp / "dist").iterdir()) == []  # no zip, no half-written .part


def test_one_page_and_one_question_are_counted_in_the_singular(in_tmp):
    from tests.support.scores import UNIT_YAML

    unit = in_tmp / "units" / "scores"
    unit.mkdir(parents=True)
    (unit / "unit.yaml").write_text(UNIT_YAML, "utf-8")
    (unit / "questions.yaml").write_text(
        "- id: heavy\n  type: single-choice\n  prompt: {en: \"Pick A.\"}\n"
        "  feedback: {correct: {en: Yes.}, wrong: {en: No.}}\n"
        "  choices:\n    - {id: a, text: {en: A}, correct: true}\n    - {id: b, text: {en: B}}\n", "utf-8")
    (unit / "en.md").write_text("# Questions {#questions}\n\n[question: heavy]\n", "utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "ok  scores 1.0.0: 1 page, 1 question (1 scored), languages en" in result.output
