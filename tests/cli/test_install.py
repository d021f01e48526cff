"""The tool as people install it: a wheel in a fresh virtualenv, outside this repository,
working on a content project of its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from builder import TOOL_ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of the checkout's tracked files, so setuptools' build/ and egg-info
    folders land in the test's temp folder, not in the checkout."""
    out, source = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("source")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=TOOL_ROOT, check=True, capture_output=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (TOOL_ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(TOOL_ROOT / name, source / name)
    (source / "node_modules").symlink_to(TOOL_ROOT / "node_modules")  # the SCORM XSDs setup.py packs
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, cwd=out)
    (path,) = out.glob("qser_builder-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A virtualenv with the wheel; its dependencies come from the test run's own site-packages
    (a path in a .pth file, so the checkout's editable install is not picked up with them)."""
    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "qser_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True)
    return env / "bin"


def qser(bindir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    return subprocess.run([str(bindir / "qser"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_wheel_carries_the_tool_and_no_unit_content(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "builder/_data/assets/runtime/player/player.js" in names
    assert "builder/_data/templates/player.html" in names
    assert "builder/_data/assets/i18n/de.yaml" in names
    assert "builder/_data/docs/authoring.md" in names
    assert "builder/_data/schemas/scorm12edition/imscp_rootv1p1p2.xsd" in names
    assert not [n for n in names if "becoming-a-mentor" in n or n.startswith("units/") or n.startswith("tests/")]


def test_installed_tool_builds_a_project_of_its_own(installed, tmp_path):
    probe = subprocess.run([str(installed / "python"), "-c", "import builder; print(builder.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env={"PATH": os.environ["PATH"]})
    assert str(installed.parent) in probe.stdout, "the test must run the installed wheel, not the checkout"

    made = qser(installed, "init", "courses", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "courses"
    assert (project / "units" / "first-unit" / "unit.yaml").is_file()
    assert (project / ".gitignore").read_text() == "dist/\n"
    assert (project / "README.md").is_file()

    checked = qser(installed, "check", cwd=project / "units" / "first-unit")  # found from a subfolder
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok  first-unit 0.1.0: 2 pages, 2 questions")

    built = qser(installed, "build", cwd=project)
    assert built.returncode == 0, built.stderr
    zips = sorted(p.name for p in (project / "dist").glob("*.zip"))
    assert zips == [f"first-unit-{lang}-0.1.0-{target}.zip" for lang in ("de", "en")
                    for target in ("cmi5", "html", "scorm12", "scorm2004", "xapi")]

    valid = qser(installed, "validate", *sorted(str(p) for p in (project / "dist").glob("*.zip")), cwd=project)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert "skipped" not in valid.stdout + valid.stderr
    with zipfile.ZipFile(project / "dist" / "first-unit-de-0.1.0-html.zip") as zf:
        assert "media/steps.de.svg" in zf.namelist() or any(n.endswith("steps.de.svg") for n in zf.namelist())


def test_init_refuses_a_folder_that_is_not_empty(installed, tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    run = qser(installed, "init", "taken", cwd=tmp_path)
    assert run.returncode == 1
    assert "taken: is not empty" in run.stderr
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]


def test_outside_any_project_says_how_to_start_one(installed, tmp_path):
    run = qser(installed, "build", cwd=tmp_path)
    assert run.returncode == 1
    assert "no units/ folder" in run.stderr and "qser init" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_guides_a_message_names_are_installed(installed, tmp_path):
    """Issue 26: a wheel has no docs/ folder beside it, so the guides travel inside it and
    `qser --help` and every "see ..." name the installed file."""
    helped = qser(installed, "--help", cwd=tmp_path)
    where = re.search(r"writing a unit (\S+);", " ".join(helped.stdout.split()))[1]
    assert Path(where).is_file() and "_data/docs/authoring.md" in where
    assert qser(installed, "init", "courses", cwd=tmp_path).returncode == 0
    unit = tmp_path / "courses" / "units" / "first-unit"
    (unit / "de.md").unlink()
    checked = qser(installed, "check", cwd=tmp_path / "courses")
    assert checked.returncode == 1
    assert f"units/first-unit/de.md: file is missing\n  fix: create de.md (see {where})\n" in checked.stderr


def test_an_installed_tool_takes_a_new_language_from_the_project(installed, tmp_path):
    """The fix for an unknown language works without a checkout of the tool."""
    assert qser(installed, "init", "courses", cwd=tmp_path).returncode == 0
    project = tmp_path / "courses"
    unit = project / "units" / "first-unit"
    for name in ("unit.yaml", "questions.yaml"):
        (unit / name).write_text((unit / name).read_text("utf-8").replace("de:", "es:").replace("[en, de]", "[en, es]"))
    (unit / "de.md").rename(unit / "es.md")
    refused = qser(installed, "check", cwd=project)
    assert "units/first-unit/unit.yaml:3: language 'es' has no player texts\n  fix: use one of: de, en, fr; or give " \
           "the player's texts in 'es': run qser new language es in the project folder and translate i18n/es.yaml" \
           in refused.stderr
    assert qser(installed, "new", "language", "es", cwd=project).returncode == 0
    built = qser(installed, "build", "--lang", "es", "--target", "html", cwd=project)
    assert built.returncode == 0, built.stderr
    assert (project / "dist" / "first-unit-es-0.1.0-html.zip").is_file()
