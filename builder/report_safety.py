"""Author and learner text leaves the report harmless: no spreadsheet formulas, no terminal escapes."""

from __future__ import annotations

import unicodedata

JOINERS = "\u200c\u200d"  # zero-width (non-)joiners shape Persian, Indic scripts and emoji: kept


def printable(text: str) -> str:
    """Text safe to print to a terminal: line breaks as ↵, other control and direction-changing
    characters as \\u escapes, so an answer cannot move the cursor, recolour or reorder the screen."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("↵ ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in JOINERS:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def safe_cell(value):
    """A CSV cell a spreadsheet will not run: text starting with = + - @ tab or CR gets a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
