"""Text from authors, zips, learners or an LRS, made safe to show in a terminal or to open in
a spreadsheet.

A terminal obeys ESC sequences and any other control character; a newline or line separator in
a value forges output lines of its own. A spreadsheet runs a cell that starts with = + - @.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides that
# reorder what is shown.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    c = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}.get(c, f"\\u{ord(c):04x}" if ord(c) > 0xff else f"\\x{ord(c):02x}")


def printable(text: object, keep_newlines: bool = False) -> str:
    """`text` with every control character shown as an escape (\\e, \\n, \\x07...).

    keep_newlines: for text made of lines on purpose (our own messages), keep plain newlines
    and tabs but still escape everything else, so no value can forge a line."""
    text = str(text)
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, line).replace("\\t", "\t") for line in text.split("\n"))
    return _UNSAFE.sub(_escape, text)


def has_control(text: str) -> bool:
    """True when `text` holds a character XML 1.0 or a terminal cannot take as it is (tab and newline apart)."""
    return any((unicodedata.category(c) == "Cc" and c not in "\t\n\r") or c in "\u2028\u2029" for c in text)


JOINERS = "\u200c\u200d"  # zero-width (non-)joiners shape Persian, Indic scripts and emoji: kept


def printable_cell(text: str) -> str:
    """A cell of the report's terminal table: like printable(), but a learner's line breaks show
    as ↵ (the table stays one row per answer) and invisible format characters as \\u escapes
    too, so an answer cannot move the cursor, recolour or reorder the screen."""
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


def counted(n: int, noun: str) -> str:
    """'1 page', '2 pages': our messages count in English, and one of a thing is common."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
