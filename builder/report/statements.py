"""Statements as an LRS returned them, reduced to the shape the report reads.

An LRS (or a proxy, or a broken one) may send anything JSON can hold: a name that is a number,
a score that is text, a definition that is a list. What does not have the expected type is
left out here, so the report never trips over it and never shows it half.
"""

from __future__ import annotations

import math


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _str(value) -> str:
    return value if isinstance(value, str) else ""


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return value


def _lang_map(value) -> dict:
    return {k: v for k, v in _dict(value).items() if isinstance(k, str) and isinstance(v, str)}


def _components(value) -> list[dict]:
    items = value if isinstance(value, list) else []
    return [{"id": c["id"], "description": _lang_map(c.get("description"))}
            for c in items if isinstance(c, dict) and isinstance(c.get("id"), str)]


def _actor(value) -> dict:
    actor = _dict(value)
    out = {k: actor[k] for k in ("mbox", "mbox_sha1sum", "openid", "name") if isinstance(actor.get(k), str)}
    account = _dict(actor.get("account"))
    if account:
        out["account"] = {"homePage": _str(account.get("homePage")), "name": _str(account.get("name"))}
    return out


def clean(statement) -> dict | None:
    """The statement with the fields the report reads in their expected types (others kept as
    they are), or None when it is not a statement at all."""
    if not isinstance(statement, dict):
        return None
    obj, result = _dict(statement.get("object")), _dict(statement.get("result"))
    definition = _dict(obj.get("definition"))
    score = _dict(result.get("score"))
    context = _dict(statement.get("context"))
    registration = context.get("registration")
    response = result.get("response")
    if isinstance(response, (int, float)) and not isinstance(response, bool):
        response = str(response)
    out = dict(statement)
    out.update(
        actor=_actor(statement.get("actor")),
        verb={**_dict(statement.get("verb")), "id": _str(_dict(statement.get("verb")).get("id"))},
        timestamp=_str(statement.get("timestamp")),
        context={**context, "registration": registration if isinstance(registration, str) else None},
        object={**obj, "id": _str(obj.get("id")), "definition": {
            **definition, "name": _lang_map(definition.get("name")),
            "description": _lang_map(definition.get("description")),
            "interactionType": _str(definition.get("interactionType")),
            **{k: _components(definition.get(k)) for k in ("choices", "scale", "source", "target")},
        } if definition else {}},
        result={**result, "duration": _str(result.get("duration")), "response": _str(response),
                "success": result.get("success") if isinstance(result.get("success"), bool) else None,
                "score": {**{k: v for k, v in score.items() if k not in ("raw", "scaled")},
                          **{k: _number(score.get(k)) for k in ("raw", "scaled") if _number(score.get(k)) is not None}}},
    )
    if "id" in out and not isinstance(out["id"], str):
        del out["id"]
    return out
