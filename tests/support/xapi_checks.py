"""Independent checks of the statements packages send: Learning Locker's validator (npm) and a
re-scoring of every answer from its own activity definition, as an LRS-side tool would do it."""

from __future__ import annotations

import json
import re
import subprocess

from builder import TOOL_ROOT

VALIDATOR = TOOL_ROOT / "tests" / "harness" / "xapi-validate.js"


def warnings(statements: list[dict]) -> list[tuple[str, list[dict]]]:
    """(statement id, warnings) for every statement that @learninglocker/xapi-validation faults."""
    if not statements:
        return []
    run = subprocess.run(["node", str(VALIDATOR)], input=json.dumps(statements), capture_output=True, text=True,
                         cwd=TOOL_ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    return [(s.get("id", "?"), w) for s, w in zip(statements, found) if w]


def _matches_one(pattern: str, response: str, kind: str) -> bool:
    case_matters = True
    m = re.match(r"^\{case_matters=(true|false)\}", pattern)
    if m:
        case_matters, pattern = m.group(1) == "true", pattern[m.end():]
    if kind == "numeric":
        if "[:]" in pattern:
            low, high = pattern.split("[:]")
            value = float(response)
            return (not low or value >= float(low)) and (not high or value <= float(high))
        return float(response) == float(pattern)
    if kind == "choice":  # order does not matter for a choice
        return sorted(pattern.split("[,]")) == sorted(response.split("[,]"))
    if kind == "matching":
        return sorted(pattern.split("[,]")) == sorted(response.split("[,]"))
    if not case_matters:
        return pattern.casefold() == response.casefold()
    return pattern == response


def rescore(definition: dict, response: str) -> bool | None:
    """Right or wrong by the definition's correctResponsesPattern alone (None: no pattern)."""
    patterns = definition.get("correctResponsesPattern")
    if patterns is None:
        return None
    kind = definition.get("interactionType")
    return any(_matches_one(p, response, kind) for p in patterns)


def problems(statements: list[dict]) -> list[str]:
    """What is wrong with `statements`: validator warnings, and answers whose success the
    definition they carry would not give."""
    out = [f"{sid}: {w}" for sid, w in warnings(statements)]
    for s in statements:
        result, definition = s.get("result") or {}, s.get("object", {}).get("definition") or {}
        if s.get("verb", {}).get("id", "").endswith("/answered") and "success" in result:
            again = rescore(definition, result.get("response", ""))
            if again is not None and again != result["success"]:
                out.append(f"{s['id']}: response {result.get('response')!r} re-scores as {again}, "
                           f"the package said {result['success']}")
    return out
