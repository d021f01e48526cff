"""What a value may be so that every target can carry it: well-formed XML, parseable JSON,
SCORM 1.2's schema limits, file names a file system takes. `check` refuses the rest, so that
`build` never makes a package `validate` (or an LMS) rejects.
"""

from __future__ import annotations

import unicodedata

TITLE_MAX = 200  # SCORM 1.2 imscp titleType
VERSION_MAX = 20  # SCORM 1.2 imscp manifest version attribute
UNIT_ID_MAX = 64  # the zip name <unit>-<lang>-<version>-<target>.zip stays far below 255 bytes
PAGE_ID_MAX = 64
MAX_YAML_DEPTH = 50


def control_char(text: str) -> str | None:
    """The first character XML 1.0 cannot hold or a terminal obeys (tab, newline apart), shown as an escape."""
    for c in text:
        if c in "\t\n":
            continue
        if unicodedata.category(c) in ("Cc", "Cs") or c in "\ufffe\uffff":
            return f"U+{ord(c):04X}"
    return None


def too_deep(value, limit: int = MAX_YAML_DEPTH) -> int | None:
    """The YAML line of the first list or mapping nested deeper than `limit`, 0 when it has no
    line, None when nothing is (counted without recursion; shared aliases are walked once)."""
    stack = [(value, 1)]
    seen = set()
    while stack:
        item, level = stack.pop()
        if level > limit:
            return getattr(item, "line", 0)
        if isinstance(item, (dict, list)) and id(item) not in seen:
            seen.add(id(item))
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return None
