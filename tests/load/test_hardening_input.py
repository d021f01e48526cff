"""Issue 11: `qser check` refuses what build cannot make valid, never with a traceback: bad YAML
and values, YAML bombs, FIFOs, folders or unreadable files where a file belongs, fences and line
separators. One test (or case) per class of failure; each asserts the message and the exit code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.tiny import edit, qser, unit  # noqa: F401  (unit: fixture)

# ---- check refuses what build cannot make valid; never a traceback ----

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))

INPUT_CASES = [
    # (case, file, old, new, what the author reads)
    ("control-char-yaml-escape", "unit.yaml", "en: A tiny unit", 'en: "A tiny\\x1b[2J unit"',
     "units/tiny/unit.yaml:5: title has a control character (U+001B) in its 'en' text"),
    ("control-char-raw-heading", "en.md", "# Welcome {#welcome}", "# Wel\x07come {#welcome}",
     "units/tiny/en.md:1: holds the control character U+0007"),
    ("nul-byte", "en.md", "Some text.", "Some\x00 text.", "units/tiny/en.md:3: holds the control character U+0000"),
    ("nan-weight", "questions.yaml", "  type: single-choice", "  type: single-choice\n  weight: .nan",
     "question 'colour': weight .nan is not a positive number"),
    ("infinite-weight", "questions.yaml", "  type: single-choice", "  type: single-choice\n  weight: .inf",
     "question 'colour': weight .inf is not a positive number"),
    ("title-over-200", "unit.yaml", "en: A tiny unit", "en: " + "Long " * 45,
     "units/tiny/unit.yaml:4: the en title is 224 characters long or spans lines (at most 200 on one line"),
    ("page-title-over-200", "en.md", "# Welcome {#welcome}", "# " + "W" * 201 + " {#welcome}",
     "units/tiny/en.md:1: page 'welcome' has a title of 201 characters (at most 200)"),
    ("float-version", "unit.yaml", "version: 0.1.0", "version: 1.10",
     "units/tiny/unit.yaml:2: version 1.10 was read as a number (it would become 1.1)\n"
     '  fix: quote it: version: "1.10" (or write it with two dots, e.g. 1.10.0)'),
    ("long-version", "unit.yaml", "version: 0.1.0", "version: 1.2.3.4.5.6.7.8.9.10.11",
     "version is 23 characters long (at most 20, SCORM's limit)"),
    ("comment-only-questions", "questions.yaml", None, "# nothing here yet\n",
     "units/tiny/questions.yaml: is empty (nothing but blank lines or comments)"),
    ("alias-bomb-as-value", "unit.yaml", "mastery_score: 50", BOMB.replace("\n", "\n  ").replace("a: &a", "mastery_score:\n  a: &a", 1),
     "mastery_score a mapping is not a whole number from 0 to 100"),
    ("alias-bomb-as-type", "questions.yaml", "  type: single-choice", "  type: &a [[x, x, x, x], [x, x, x]]",
     "question 'colour' has an unknown type a list"),
    ("unhashable-key", "unit.yaml", "duration_minutes: 5", "duration_minutes: 5\n? [a, b]\n: c",
     "units/tiny/unit.yaml:14: is not valid YAML: a key is a list or a mapping (keys are plain words)"),
    ("deep-nesting", "unit.yaml", "duration_minutes: 5", "duration_minutes: 5\nx: " + "[" * 60 + "]" * 60,
     "units/tiny/unit.yaml:14: nests more than 50 levels deep"),
    ("deeper-than-python", "unit.yaml", "duration_minutes: 5", "duration_minutes: 5\nx: " + "[" * 5000 + "]" * 5000,
     "units/tiny/unit.yaml"),
    ("match-is-a-list", "questions.yaml", "match: second", "match: [second]",
     "question 'pairs': source 'two' matches a list, which is not a target"),
    ("not-utf8", "en.md", "Some text.", "Some t\udce4xt.", "units/tiny/en.md:3: is not UTF-8 text"),
    ("bom-and-crlf-are-fine", "en.md", None, "\ufeff# Welcome {#welcome}\r\n\r\nText.\r\n\r\n# Check {#check}\r\n\r\n"
     "[question: colour]\r\n\r\n[question: pairs]\r\n\r\n[question: note]\r\n", None),
    ("unknown-language", "unit.yaml", "languages: [en, de]", "languages: [en, xx]",
     "units/tiny/unit.yaml:3: language 'xx' has no player texts"),
]


@pytest.mark.parametrize("case, file, old, new, message", INPUT_CASES, ids=[c[0] for c in INPUT_CASES])
def test_bad_input_is_explained(unit, case, file, old, new, message):
    path = unit / file
    if old is None:
        path.write_bytes(new.encode("utf-8", "surrogateescape"))
    else:
        text = path.read_text("utf-8")
        assert old in text, old
        path.write_bytes(text.replace(old, new, 1).encode("utf-8", "surrogateescape"))
    result = qser("build")
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output) < 5000
    assert not Path("dist").exists()


def test_a_fifo_where_a_file_belongs_does_not_hang(unit):
    (unit / "questions.yaml").unlink()
    os.mkfifo(unit / "questions.yaml")
    result = qser("check")
    assert result.exit_code == 1
    assert "units/tiny/questions.yaml: is not a regular file (a folder, a pipe or a device)" in result.output


def test_a_folder_where_a_file_belongs(unit):
    (unit / "de.md").unlink()
    (unit / "de.md").mkdir()
    result = qser("check")
    assert result.exit_code == 1 and "units/tiny/de.md: is not a regular file" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(unit):
    (unit / "en.md").chmod(0)
    result = qser("check")
    assert result.exit_code == 1 and "units/tiny/en.md: cannot be read (Permission denied)" in result.output


def test_a_four_backtick_fence_holding_three_is_code_not_a_page(unit):
    block = "\n````\n```\n# Not a page {#phantom}\n```\n````\n"
    for lang in ("en", "de"):
        edit(unit / f"{lang}.md", "text.", "text.\n" + block) if lang == "en" else \
            edit(unit / f"{lang}.md", "# Prüfung", block + "\n# Prüfung")
    result = qser("check")
    assert result.exit_code == 0, result.output
    assert "ok  tiny 0.1.0: 2 pages" in result.output


def test_a_line_separator_in_prose_keeps_line_numbers(unit):
    edit(unit / "en.md", "Some text.", "Some\u2028text.")
    edit(unit / "en.md", "[question: pairs]", "[question: pears]")
    result = qser("check")
    assert "units/tiny/en.md:11: question 'pears' is not in questions.yaml" in result.output
