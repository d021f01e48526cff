"""Turns training units into learning packages: units/ -> model -> render -> targets -> dist/."""

from pathlib import Path

#: The tool's own files (assets/, templates/) sit beside this package.
TOOL_ROOT = Path(__file__).resolve().parent.parent
ASSETS = TOOL_ROOT / "assets"
TEMPLATES = TOOL_ROOT / "templates"
