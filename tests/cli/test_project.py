"""Content projects: `qser init`, finding the project, `qser new question`."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.questiontypes import TYPES as QUESTION_TYPES


def run(*args, cwd):
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path):
    made = run("init", "proj", cwd=tmp_path)
    assert made.exit_code == 0, made.output
    return tmp_path / "proj"


def test_starter_unit_checks_and_builds(project):
    checked = run("check", cwd=project)
    assert checked.exit_code == 0, checked.output
    assert checked.output == ("ok  first-unit 0.1.0: 2 pages, 2 questions (2 scored), languages en, de\n")
    built = run("build", "--target", "scorm12", cwd=project / "units")
    assert built.exit_code == 0, built.output
    assert sorted(p.name for p in (project / "dist").iterdir()) == [
        "first-unit-de-0.1.0-scorm12-questions.html", "first-unit-de-0.1.0-scorm12.zip",
        "first-unit-en-0.1.0-scorm12-questions.html", "first-unit-en-0.1.0-scorm12.zip"]


def test_project_option_works_from_anywhere(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    checked = run("--project", str(project), "check", cwd=elsewhere)
    assert checked.exit_code == 0, checked.output
    missing = run("--project", str(elsewhere), "check", cwd=tmp_path)
    assert missing.exit_code == 1
    assert f"error: no units/ folder in {elsewhere}: " in missing.output


@pytest.mark.parametrize("qtype", list(QUESTION_TYPES))
def test_new_question_block_is_valid_as_it_stands(project, qtype):
    unit = project / "units" / "first-unit"
    snippet = run("new", "question", qtype, "--id", "added", cwd=project)
    assert snippet.exit_code == 0, snippet.output
    assert "  de: " in snippet.output and "  en: " in snippet.output
    (unit / "questions.yaml").write_text((unit / "questions.yaml").read_text() + "\n" + snippet.output)
    for lang in ("en", "de"):
        md = unit / f"{lang}.md"
        md.write_text(md.read_text() + "\n[question: added]\n")
    checked = run("check", cwd=project)
    assert checked.exit_code == 0, checked.output
    assert "3 questions" in checked.output


def test_new_question_speaks_the_units_languages(project):
    unit = project / "units" / "first-unit"
    (unit / "unit.yaml").write_text((unit / "unit.yaml").read_text().replace("languages: [en, de]", "languages: [de]"))
    out = run("new", "question", "true-false", cwd=project)  # the unit does not load now: its texts have en too
    assert out.exit_code == 0
    assert out.output.startswith("- id: new-question\n  type: true-false\n  prompt:\n    de: Ihre Frage?\n  correct: true\n")
    assert "en:" not in out.output


def test_new_question_outside_a_project_uses_english_and_german(tmp_path):
    out = run("new", "question", "likert", cwd=tmp_path)
    assert out.exit_code == 0
    assert out.output.startswith("- id: new-question\n  type: likert\n  prompt:\n    en: Your question?\n    de: Ihre Frage?\n")


def test_init_refuses_an_existing_file(tmp_path):
    (tmp_path / "file").write_text("x")
    out = run("init", "file", cwd=tmp_path)
    assert out.exit_code == 1
    assert out.output == "file: exists and is not a folder\n  fix: give the path of a new or empty folder\n" \
                         "1 problem found; nothing was written.\n"


def test_init_where_nothing_can_be_written_says_so(tmp_path):
    (tmp_path / "file").write_text("x")
    out = run("init", "file/project", cwd=tmp_path)  # as /proc/x or a read-only disk: no traceback, no exit 3
    assert out.exit_code == 1
    assert out.output.startswith("file/project: cannot be written (Not a directory)\n"
                                 "  fix: give the path of a folder you can write to; nothing was kept\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_benchmark_script_explains_itself():
    import subprocess
    import sys

    from builder import TOOL_ROOT

    helped = subprocess.run([sys.executable, "-m", "benchmarks.run", "--help"], cwd=TOOL_ROOT, capture_output=True, text=True)
    assert helped.returncode == 0 and helped.stdout.startswith("usage: python3 -m benchmarks.run [SECTION ...]")
    wrong = subprocess.run([sys.executable, "-m", "benchmarks.run", "bild"], cwd=TOOL_ROOT, capture_output=True, text=True)
    assert wrong.returncode == 2 and wrong.stderr.startswith("unknown section 'bild'") and "Traceback" not in wrong.stderr


@pytest.mark.parametrize("option, value", [("--id", "Bad Id"), ("--unit", "../../etc")])
def test_new_question_takes_only_ids(tmp_path, option, value):
    out = run("new", "question", "fill-in", option, value, cwd=tmp_path)
    assert out.exit_code == 2
    assert f"Invalid value for {option}: {value!r} is not an id: use lowercase ASCII letters" in out.output
