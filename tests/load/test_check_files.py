"""Author mistakes in the files themselves and on the command line: not UTF-8, missing, a link out
of the unit folder, too large, an unknown unit or language, an empty or unreadable questions file.

Every case starts from the valid unit in tests/fixtures/tiny and breaks one thing.
"""

from __future__ import annotations

from click.testing import CliRunner

from builder import guide
from builder.cli import main
from tests.support.tiny import TINY, broken_unit, in_tmp  # noqa: F401  (in_tmp: fixture)


def test_a_file_that_is_not_utf8(in_tmp):
    units = broken_unit(in_tmp, "de.md", "Etwas Text.", "Etwas Text.")
    path = units / "tiny" / "de.md"
    path.write_bytes(path.read_bytes().replace("Prüfung".encode(), "Prüfung".encode("latin-1")))
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr.startswith("units/tiny/de.md:7: is not UTF-8 text\n"
                                    "  fix: save the file with UTF-8 encoding in your editor\n")


def test_a_missing_language_file(in_tmp):
    units = broken_unit(in_tmp, "de.md", "", "")
    (units / "tiny" / "de.md").unlink()
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"units/tiny/de.md: file is missing\n  fix: create de.md (see {guide()})\n")


def test_unknown_unit_on_the_command_line(in_tmp):
    broken_unit(in_tmp, "unit.yaml", "", "")
    result = CliRunner().invoke(main, ["build", "tinny"])
    assert result.exit_code == 1
    assert "units: no unit named 'tinny'\n  fix: units here are: tiny\n" in result.stderr


def test_a_link_out_of_the_unit_folder(in_tmp, tmp_path_factory):
    units = broken_unit(in_tmp, "unit.yaml", "", "")
    outside = tmp_path_factory.mktemp("outside") / "questions.yaml"
    outside.write_text((TINY / "questions.yaml").read_text())
    (units / "tiny" / "questions.yaml").unlink()
    (units / "tiny" / "questions.yaml").symlink_to(outside)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr.startswith("units/tiny/questions.yaml: is a link to a file outside the unit folder\n"
                                    "  fix: copy the file into the unit folder instead of linking to it\n")


def test_an_image_linked_from_outside(in_tmp, tmp_path_factory):
    units = broken_unit(in_tmp, "en.md", "impact-circular-model.en.svg", "secret.svg")
    outside = tmp_path_factory.mktemp("outside") / "secret.svg"
    outside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (units / "tiny" / "media").mkdir(exist_ok=True)
    (units / "tiny" / "media" / "secret.svg").symlink_to(outside)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr.startswith("units/tiny/en.md:5: image 'secret.svg' is a link to a file outside the unit folder\n")


def test_an_oversized_file(in_tmp):
    units = broken_unit(in_tmp, "en.md", "Some text.", "Some text.\n\n" + "word " * 220_000)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr.startswith("units/tiny/en.md: file is too large (1100153 bytes, at most 1000000)\n"
                                    "  fix: split the unit, or check that this is the right file\n")


def test_a_language_the_unit_does_not_have(in_tmp):
    broken_unit(in_tmp, "unit.yaml", "", "")
    result = CliRunner().invoke(main, ["build", "--lang", "fr"])
    assert result.exit_code == 1
    assert result.stderr.startswith("--lang: unit 'tiny' has no language 'fr'\n  fix: its languages are: en, de\n")
    assert not (in_tmp / "dist").exists()


def test_an_empty_questions_file_and_an_unreadable_one_are_told_apart(in_tmp):
    """Both stop the build, each with its own cause and fix; neither is taken for 'no questions'.
    (Unreadable here: bytes that are no text; a file without read permission is test_hardening_input's.)"""
    units = broken_unit(in_tmp, "questions.yaml", "", "")
    questions = units / "tiny" / "questions.yaml"
    questions.write_text("\n\n")
    empty = CliRunner().invoke(main, ["check"])
    questions.write_bytes("- id: farbe\n  prompt: {de: Grün?}\n".encode("latin-1"))
    unreadable = CliRunner().invoke(main, ["check"])
    assert (empty.exit_code, unreadable.exit_code) == (1, 1)
    assert empty.stderr == (
        "units/tiny/questions.yaml: is empty (nothing but blank lines or comments)\n"
        f"  fix: write its content (see {guide()}), or delete the file if it is optional\n"
        "1 problem found; nothing was built.\n")
    assert unreadable.stderr == (
        "units/tiny/questions.yaml:2: is not UTF-8 text\n"
        "  fix: save the file with UTF-8 encoding in your editor\n"
        "1 problem found; nothing was built.\n")
