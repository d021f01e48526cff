"""The package's JavaScript and CSS as shipped: assets/runtime files joined, written into index.html.

The sources are small files with comments for their readers (one per question type, the
player's parts, each adapter's parts); a package carries them joined into a few scripts,
without the comments, and inside index.html itself with the style: the first screen paints
from the one request for index.html, without waiting for a script or a stylesheet
(docs/architecture.md, "One request to first paint"), and splitting the sources costs the
learner nothing in download or first paint.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import ASSETS


def player_runtime() -> tuple[str, ...]:
    """The player's files, in load order: the question-type registry, the type modules
    (types/_*.js, their shared parts, first; then one file per type, so a new type is a new
    file), then questions, result page and the core that starts it all."""
    types = sorted(p.name for p in (ASSETS / "runtime" / "types").glob("*.js"))
    return ("player/question-kit.js", *(f"types/{name}" for name in types),
            "player/questions.js", "player/result.js", "player/player.js")


@lru_cache(maxsize=1)
def player_script() -> bytes:
    """The player: every file of player_runtime() in one script."""
    return join(player_runtime())


def tracker_script(runtime: tuple[str, ...]) -> bytes:
    """The adapter's files (a target's `runtime`) in one script."""
    return join(runtime)


@lru_cache(maxsize=None)
def join(names: tuple[str, ...]) -> bytes:
    return "".join(without_comments((ASSETS / "runtime" / name).read_text("utf-8")) for name in names).encode("utf-8")


@lru_cache(maxsize=1)
def player_style() -> bytes:
    return (ASSETS / "css" / "player.css").read_bytes()


# In a <script> or <style> element, "</" may end the element early ("</script>", "</style>"), and
# "<!--" may keep "</script>" from ending it. "<\/" is the same text in a JavaScript string or regular
# expression and in a CSS string, so it is written so; "<!--" has no such twin and is refused.
_CLOSING = re.compile(r"</")
_COMMENT_OPEN = re.compile(r"<!--")


def inline(code: bytes, name: str) -> str:
    """`code` (JavaScript or CSS, from `name`) as the text of a <script> or <style> element."""
    text = code.decode("utf-8")
    if _COMMENT_OPEN.search(text):
        raise ValueError(f"{name}: '<!--' cannot be written into index.html's <script> or <style>; "
                         "write it as '<' + '!--'")
    return _CLOSING.sub(r"<\\/", text)


def without_comments(source: str) -> str:
    """The script without whole-line comments, indentation and blank lines.

    Only lines that *start* with a comment are dropped (and a block comment's following
    lines, up to the line ending in its close): the runtime has no template literals and no
    string spanning lines, so such a line is never inside a string. Every other line is kept
    with its line break, so automatic semicolon insertion reads the code as before."""
    out, in_block = [], False
    for line in source.splitlines():
        text = line.strip()
        if in_block:
            in_block = not text.endswith("*/")
        elif text.startswith("/*") and "*/" not in text[2:]:
            in_block = True
        elif not (text.startswith("/*") and text.endswith("*/") or text.startswith("//") or not text):
            out.append(text)
    return "\n".join(out) + "\n"
