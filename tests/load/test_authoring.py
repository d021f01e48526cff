"""Issue 26: nothing an author writes is silently broken, and every message names the real fix.

Each test makes one mistake a new author makes (or writes what should simply work) in a copy of
tests/fixtures/tiny and asserts what the author sees: the exact message of `qser check`, or what
the built package holds.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml

from builder import guide
from tests.support.tiny import TINY, edit, qser, unit  # noqa: F401  (unit: fixture)

WELCOME = "Some text."  # the first page's text in en.md (line 3)


def refused(expected: str) -> None:
    result = qser("check")
    n = expected.count("\n  fix: ")
    assert result.exit_code == 1, result.output
    assert result.stderr == f"{expected}\n{n} problem{'s' if n > 1 else ''} found; nothing was built.\n"


def built_page(lang: str = "en") -> tuple[list[str], str]:
    """Build the html package of one language: the names in its zip and its index.html."""
    result = qser("build", "--lang", lang, "--target", "html")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(f"dist/tiny-{lang}-0.1.0-html.zip") as zf:
        return zf.namelist(), zf.read("index.html").decode("utf-8")


def media(unit_folder: Path, name: str, content: bytes = b"%PDF-1.4\n") -> None:
    (unit_folder / "media").mkdir(exist_ok=True)
    (unit_folder / "media" / name).write_bytes(content)


# ---- 1. links to files go into the package; a link that cannot work is refused at its line ----

def test_a_link_to_a_file_in_media_goes_into_the_package(unit):
    media(unit, "handout.pdf")
    edit(unit / "en.md", WELCOME, "Read [the handout](handout.pdf#page=2) or [the site](https://example.org/x).")
    names, page = built_page()
    assert "media/handout.pdf" in names
    assert '<a href="media/handout.pdf#page=2" target="_blank" rel="noopener noreferrer">the handout</a>' in page
    assert '<a href="https://example.org/x" target="_blank" rel="noopener noreferrer">the site</a>' in page


@pytest.mark.parametrize("href, expected", [
    ("nothere.docx", "units/tiny/en.md:3: link 'nothere.docx' not found in the unit's media/ folder\n"
                     "  fix: put the file into the unit's media/ folder and link to its name, e.g. [handout](handout.pdf)"),
    ("../unit.yaml", "units/tiny/en.md:3: link path '../unit.yaml' leaves the unit's media/ folder\n"
                     "  fix: put the file into the unit's media/ folder and link to its name, e.g. [handout](handout.pdf)"),
    ("page.html", "units/tiny/en.md:3: link 'page.html' is a web page or script, which would run inside the learning "
                  "platform's own site\n  fix: put it on the web and link to its https:// address, or save it as PDF"),
    ("#check", "units/tiny/en.md:3: link '#check' points to a place inside the unit, which the player cannot open\n"
               "  fix: name the page in words instead (e.g. 'see the page The Impact Circular Model')"),
    ("www.example.org", "units/tiny/en.md:3: link 'www.example.org' looks like a web address without https://\n"
                        "  fix: write it in full: [text](https://www.example.org)"),
    ("ftp://example.org/a.pdf", "units/tiny/en.md:3: link 'ftp://example.org/a.pdf' uses 'ftp', which a package does "
                                "not open\n  fix: link to a web page (https://...), an e-mail address (mailto:...) or a "
                                "file in the unit's media/ folder"),
])
def test_a_link_that_cannot_work_is_refused_at_its_line(unit, href, expected):
    edit(unit / "en.md", WELCOME, f"See [this]({href}).")
    refused(expected)


# ---- 2, 4, 5. no raw Markdown reaches a learner; comments are dropped ----

RAW = [
    ("space-in-an-image-name", "![Drei Schritte](schritte 1.svg)",
     "units/tiny/en.md:3: the image '![Drei Schritte](schritte 1.svg)' has a space in its address, so Markdown shows "
     "it as typed\n  fix: write the name in angle brackets: ![Drei Schritte](<schritte 1.svg>), or rename the file "
     "without spaces (e.g. schritte-1.svg)"),
    ("inline-question-marker", "Now try this: [question: note]",
     "units/tiny/en.md:3: '[question: note]' is inside other text, so it is shown as typed and no question is placed\n"
     "  fix: put [question: note] alone on a line of its own, at the start of the line"),
    ("html-line-break", "First line<br>second line",
     "units/tiny/en.md:3: HTML '<br>' is shown as typed: the player does not read HTML\n"
     "  fix: for a line break end the line with a backslash \\, for a new paragraph leave an empty line"),
    ("underline", "An <u>important</u> word",
     "units/tiny/en.md:3: HTML '<u>' is shown as typed: the player does not read HTML\n"
     "  fix: write **bold** or *italic* instead (underlined words look like links)"),
    ("highlight", "A ==key== word",
     "units/tiny/en.md:3: '==key==' is a highlight, which Markdown here does not read\n  fix: write **bold** instead"),
    ("footnote", "A claim.[^1]",
     "units/tiny/en.md:3: '[^1]' is a footnote, which the player does not show as one\n"
     "  fix: write the note in the text itself, e.g. in brackets, or as a list at the end of the page"),
    ("undefined-reference-link", "See [the guide][guide].",
     "units/tiny/en.md:3: '[the guide][guide]' refers to a link 'guide' that is defined nowhere, so it is shown as "
     "typed\n  fix: write the address in place, [the guide](https://...), or define it on a line of its own: "
     "[guide]: https://..."),
    ("heading-without-space", "##Goals",
     "units/tiny/en.md:3: '##Goals' is not a heading: Markdown needs a space after ##\n"
     "  fix: write '## Goals', or \\# to show the sign itself"),
    ("id-on-a-sub-heading", "## Goals {#goals}",
     "units/tiny/en.md:3: '{#goals}' is shown as typed: only a page heading ('# Title {#goals}') takes an id\n"
     "  fix: remove it, or make this heading a page: '# Title {#page-id}' at the start of a line"),
    ("bold-with-spaces", "A ** bold ** word",
     "units/tiny/en.md:3: '**' is shown as typed: bold text needs its stars right next to the words\n"
     "  fix: write **bold words** (no space inside the stars), or \\*\\* to show the stars themselves"),
    ("table-without-dashes", "| Role | Task |\n| Mentor | Listen |",
     "units/tiny/en.md:3: a table without a line of dashes under its first row (or with rows of different lengths) "
     "shows as text\n  fix: write a line like | --- | --- | under the first row, one --- per column"),
    ("unclosed-code-block", "```\ncode",
     "units/tiny/en.md:3: a code block opened with ``` is never closed, so everything after it shows as code\n"
     "  fix: close it with a line of ```"),
    ("unclosed-comment", "<!-- TODO: ask Maria",
     "units/tiny/en.md:3: a comment '<!--' that is never closed is shown as typed\n  fix: end it with -->"),
    ("javascript-link", "[x](javascript:alert(1))",
     "units/tiny/en.md:3: the link '[x](javascript:alert(1)' uses 'javascript:', which a package does not follow\n"
     "  fix: link to a web page (https://...) or to a file in the unit's media/ folder"),
]


@pytest.mark.parametrize("case, written, expected", RAW, ids=[c[0] for c in RAW])
def test_markdown_that_would_show_as_typed_is_refused_at_its_line(unit, case, written, expected):
    text = (unit / "en.md").read_text("utf-8")
    (unit / "en.md").write_text(text.replace(WELCOME, written).replace("# Check {#check}", "\n# Check {#check}"), "utf-8")
    refused(expected)


def test_what_markdown_reads_as_meant_builds(unit):
    """Escapes, <Enter>-like words, tables and strikethrough render; no check refuses them."""
    edit(unit / "en.md", WELCOME, "Press <Enter>, write \\*\\* or \\[question: x] as text, ~~old~~ new.\n\n"
                                  "| Role | Task |\n| --- | --- |\n| Mentor | Listen |")
    _, page = built_page()
    assert "Press &lt;Enter&gt;, write ** or [question: x] as text, <s>old</s> new." in page
    assert "<th>Role</th>" in page and "<td>Mentor</td>" in page


def test_comments_are_dropped_from_the_page(unit):
    edit(unit / "en.md", WELCOME, "Text <!-- TODO: ask Maria --> more.\n\n<!--\n# Old page {#old}\n\n"
                                  "[question: colour]\n-->")
    _, page = built_page()
    assert "TODO" not in page and "Old page" not in page and "<!--" not in page.split('id="page-welcome"')[1][:2000]
    assert "Text  more." in page


def test_a_page_of_comments_alone_is_empty(unit):
    edit(unit / "en.md", "Some text.\n\n![A figure](impact-circular-model.en.svg)", "<!-- to do -->")
    refused("units/tiny/en.md:1: page 'welcome' is empty: nothing below its heading\n"
            "  fix: write its text or place a question below the heading, or remove the page")


def test_a_figure_text_version_is_checked_like_a_page(unit):
    (unit / "media" / "impact-circular-model.en.text.md").write_text("A list<br>\n\n![x](a.png)\n", "utf-8")
    refused("units/tiny/media/impact-circular-model.en.text.md:1: HTML '<br>' is shown as typed: the player does "
            "not read HTML\n  fix: for a line break end the line with a backslash \\, for a new paragraph leave an "
            "empty line\nunits/tiny/media/impact-circular-model.en.text.md:3: a text version shows no images: it "
            "stands in for the figure\n  fix: describe in words what the image shows")


# ---- 2, 7. file names as authors write them ----

def test_names_with_spaces_umlauts_and_nfd_are_found(unit):
    figure = (unit / "media" / "impact-circular-model.en.svg").read_bytes()
    media(unit, unicodedata.normalize("NFD", "bild für alle.svg"), figure)  # as macOS writes the name
    media(unit, "Übersicht 2.pdf")
    edit(unit / "en.md", WELCOME, "![Alle](<bild für alle.svg>) and [the overview](<Übersicht 2.pdf>).")
    names, page = built_page()
    assert "media/bild für alle.svg" in names and "media/Übersicht 2.pdf" in names
    assert 'src="media/bild%20f%C3%BCr%20alle.svg"' in page
    assert 'href="media/%C3%9Cbersicht%202.pdf"' in page


@pytest.mark.parametrize("written, on_disk, expected", [
    ("bild-für-alle.svg", None, "units/tiny/en.md:3: image 'bild-für-alle.svg' not found in the unit's media/ folder\n"
     "  fix: put the image into the unit's media/ folder and use its name, e.g. ![alt](figure.svg) or "
     "![alt](media/figure.svg)"),
    ("Impact-Circular-Model.en.svg", None, "units/tiny/en.md:3: image 'Impact-Circular-Model.en.svg' not found in the "
     "unit's media/ folder\n  fix: did you mean 'impact-circular-model.en.svg'? Write the name as the file is called: "
     "capital letters count in a package"),
    ("steps.png", "steps.svg", "units/tiny/en.md:3: image 'steps.png' not found in the unit's media/ folder\n"
     "  fix: did you mean 'steps.svg'? The file's name ends in .svg"),
    ("impact-circular-modl.en.svg", None, "units/tiny/en.md:3: image 'impact-circular-modl.en.svg' not found in the "
     "unit's media/ folder\n  fix: did you mean 'impact-circular-model.en.svg'?"),
])
def test_a_missing_file_is_named_as_written_with_a_near_miss(unit, written, on_disk, expected):
    if on_disk:
        media(unit, on_disk, (unit / "media" / "impact-circular-model.en.svg").read_bytes())
    edit(unit / "en.md", WELCOME, f"![Figure]({written})")
    refused(expected)


def test_a_file_beside_unit_yaml_is_pointed_to_media(unit):
    (unit / "handout.pdf").write_bytes(b"%PDF-1.4\n")
    edit(unit / "en.md", WELCOME, "[the handout](handout.pdf)")
    refused("units/tiny/en.md:3: link 'handout.pdf' not found in the unit's media/ folder\n"
            "  fix: move handout.pdf from the unit folder into its media/ folder")


# ---- 3. one identity per unit ----

def copy_unit(unit: Path, new_id: str, base: str | None = None) -> Path:
    twin = unit.parent / new_id
    shutil.copytree(unit, twin)
    edit(twin / "unit.yaml", "id: tiny", f"id: {new_id}")
    if base:
        edit(twin / "unit.yaml", "https://example.org/units/tiny", base)
    return twin


def test_two_units_with_one_xapi_base_are_refused(unit):
    copy_unit(unit, "copy")
    refused("units/copy/unit.yaml:15: xapi_base https://example.org/units/tiny is also the xapi_base of unit 'tiny' "
            "(units/tiny/unit.yaml:15): the two units' activity ids coincide and an LRS would mix their learners' "
            "records\n  fix: give each unit its own xapi_base, e.g. xapi_base: https://example.org/units/copy")


def test_a_base_inside_another_units_base_is_refused(unit):
    copy_unit(unit, "part", "https://example.org/units/tiny/part")
    refused("units/part/unit.yaml:15: xapi_base https://example.org/units/tiny/part lies inside "
            "https://example.org/units/tiny, the xapi_base of unit 'tiny' (units/tiny/unit.yaml:15): the two units' "
            "activity ids coincide and an LRS would mix their learners' records\n"
            "  fix: give each unit its own xapi_base, e.g. xapi_base: https://example.org/units/part")


def test_a_renamed_unit_meets_its_old_packages_in_dist(unit):
    assert qser("build", "--target", "xapi", "--lang", "en").exit_code == 0
    renamed = unit.parent / "renamed"
    unit.rename(renamed)
    edit(renamed / "unit.yaml", "id: tiny", "id: renamed")
    refused("units/renamed/unit.yaml:15: xapi_base https://example.org/units/tiny is also the xapi_base of unit 'tiny',"
            " already built into dist/tiny-en-0.1.0-xapi.zip: an LRS would mix the two units' records\n"
            "  fix: give this unit its own xapi_base, e.g. xapi_base: https://example.org/units/renamed; if this unit "
            "was 'tiny' before, delete tiny's packages from dist")
    assert qser("build").exit_code == 1 and sorted(p.name for p in Path("dist").iterdir()) == ["tiny-en-0.1.0-xapi.zip"]


def test_units_with_their_own_bases_build_beside_each_others_packages(unit):
    copy_unit(unit, "other", "https://example.org/units/other")
    assert qser("build", "--target", "cmi5").exit_code == 0
    assert qser("check").exit_code == 0


# ---- 7. values as the author wrote them ----

@pytest.mark.parametrize("old, new, expected", [
    ("version: 0.1.0", "version: 2026-12-07", "units/tiny/unit.yaml:2: version 2026-12-07 was read as a date\n"
     '  fix: quote it: version: "2026-12-07", or write it like 1.0.0'),
    ("mastery_score: 50", "mastery_score: yes", "units/tiny/unit.yaml:14: mastery_score yes is not a whole number "
     "from 0 to 100\n  fix: give the pass mark in percent, e.g. mastery_score: 80"),
    ("mastery_score: 50", "mastery_score: '80'", "units/tiny/unit.yaml:14: mastery_score '80' is in quotes, so YAML "
     "reads it as text, not as a number\n  fix: write the number without quotes: mastery_score: 80"),
    ("version: 0.1.0", "version: 1.10", "units/tiny/unit.yaml:2: version 1.10 was read as a number (it would become "
     '1.1)\n  fix: quote it: version: "1.10" (or write it with two dots, e.g. 1.10.0)'),
    ("  de: Eine kleine Einheit", "\tde: Eine kleine Einheit", "units/tiny/unit.yaml:6: is not valid YAML: a tab "
     "indents this line, and YAML indents with spaces only\n  fix: replace the tab with spaces (your editor may show "
     "tabs as spaces: retype the indentation)"),
])
def test_a_value_is_quoted_as_the_author_wrote_it(unit, old, new, expected):
    edit(unit / "unit.yaml", old, new)
    refused(expected)


# ---- 8. a content project brings the player's texts for a new language ----

def add_spanish(unit: Path) -> None:
    """Spanish as a third language of the tiny unit: its texts are the German ones, relabelled."""
    edit(unit / "unit.yaml", "languages: [en, de]", "languages: [en, de, es]")
    def with_es(value):
        if isinstance(value, dict):
            value = {k: with_es(v) for k, v in value.items()}
            return {**value, "es": value["de"]} if "de" in value and isinstance(value["de"], str) else value
        return [with_es(v) for v in value] if isinstance(value, list) else value

    for name in ("unit.yaml", "questions.yaml"):
        path = unit / name
        path.write_text(yaml.safe_dump(with_es(yaml.safe_load(path.read_text("utf-8"))), allow_unicode=True), "utf-8")
    shutil.copy(unit / "de.md", unit / "es.md")


def test_a_new_language_with_the_projects_own_player_texts_builds(unit):
    add_spanish(unit)
    made = qser("new", "language", "es")
    assert made.exit_code == 0, made.output
    assert made.output == ("wrote i18n/es.yaml: translate its texts, add es to a unit's languages and write that "
                           "unit's es.md, then run qser check\n")
    catalog = Path("i18n/es.yaml")
    catalog.write_text(catalog.read_text("utf-8").replace("next: Next", "next: Siguiente")
                       .replace("language_tag: es", "language_tag: es-ES"), "utf-8")
    _, page = built_page("es")
    assert '<html lang="es' in page and ">Siguiente<" in page


def test_a_projects_player_texts_are_checked_against_the_english_keys(unit):
    add_spanish(unit)
    assert qser("new", "language", "es").exit_code == 0
    catalog = Path("i18n/es.yaml")
    text = catalog.read_text("utf-8")
    text = re.sub(r"^back: .*\n", "", text, flags=re.M).replace("progress: Page {n} of {total}", "progress: Página {n}")
    catalog.write_text(text + "nxet: Siguiente\n", "utf-8")
    lines = catalog.read_text("utf-8").split("\n")
    progress = next(i for i, l in enumerate(lines, 1) if l.startswith("progress:"))
    typo = next(i for i, l in enumerate(lines, 1) if l.startswith("nxet:"))
    following = next(i for i, l in enumerate(lines, 1) if l.startswith("next:"))  # where 'back' belongs
    refused(f"i18n/es.yaml:{following}: the player's text 'back' is missing\n"
            f"  fix: add it under its key, translated from the English: back: Back\n"
            f"i18n/es.yaml:{progress}: 'progress' has the placeholders {{n}}, the player fills in {{n}}, {{total}}\n"
            f"  fix: keep them as in the English text: Page {{n}} of {{total}}\n"
            f"i18n/es.yaml:{typo}: unknown key 'nxet': the player has no text of that name\n"
            f"  fix: remove it, or check its spelling against the English catalog (qser new language prints it)")


# ---- 9. messages point to guides that are there ----

def test_a_message_names_a_guide_that_exists(unit):
    (unit / "de.md").unlink()
    refused(f"units/tiny/de.md: file is missing\n  fix: create de.md (see {guide()})")
    assert Path(guide()).is_file()


# ---- 11. wording ----

def test_an_option_id_used_twice_names_the_entry_and_its_first_line(unit):
    edit(unit / "questions.yaml", "- id: green", "- id: blue")
    refused("units/tiny/questions.yaml:8: question 'colour': the choice id 'blue' is used twice (first on line 5)\n"
            "  fix: give every choice its own id")


def test_true_false_without_correct_is_one_problem(unit):
    edit(unit / "questions.yaml", "- id: note\n  type: free-text",
         "- id: sure\n  type: true-false\n  prompt: {en: Sure?, de: Sicher?}\n"
         "  feedback: {correct: {en: Because., de: Weil.}, wrong: {en: Look again., de: Schauen Sie nach.}}\n\n"
         "- id: note\n  type: free-text")
    for lang in ("en", "de"):
        edit(unit / f"{lang}.md", "[question: note]", "[question: note]\n\n[question: sure]")
    refused("units/tiny/questions.yaml:33: question 'sure' lacks the key 'correct'\n"
            f"  fix: add 'correct:' (see {guide()})")


def test_a_folder_without_unit_yaml_is_named(unit):
    (unit.parent / "draft").mkdir()
    result = qser("check")
    assert result.exit_code == 0
    assert result.stderr == "note: units/draft has no unit.yaml, so it is not a unit and is skipped\n"
    result = qser("check", "draft")
    assert result.exit_code == 1
    assert result.stderr == ("units/draft: has no unit.yaml, so it is not a unit\n"
                             "  fix: create units/draft/unit.yaml (copy one from another unit and change its id and "
                             "xapi_base), or name one of the units here: tiny\n1 problem found; nothing was built.\n")


def test_validate_counts_in_words(unit, tmp_path):
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("imsmanifest.xml", "<manifest")
    result = qser("validate", str(broken))
    assert result.exit_code == 1
    assert re.search(r": 1 problem \(", result.stderr), result.stderr
    assert "problem(s)" not in result.stderr
