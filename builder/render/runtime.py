"""The package's JavaScript as shipped: assets/runtime files joined into one script each.

The sources are small files with comments for their readers (one per question type, the
player's parts, each adapter's parts); a package carries two scripts, the player and its
adapter, so a page makes two requests, and without the comments, so that splitting the
sources costs the learner nothing in download or first paint.
"""

from __future__ import annotations

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
    """player/player.js."""
    return join(player_runtime())


def tracker_script(runtime: tuple[str, ...]) -> bytes:
    """player/tracker-<name>.js: the adapter's files (a target's `runtime`) in one script."""
    return join(runtime)


@lru_cache(maxsize=None)
def join(names: tuple[str, ...]) -> bytes:
    return "".join(without_comments((ASSETS / "runtime" / name).read_text("utf-8")) for name in names).encode("utf-8")


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
