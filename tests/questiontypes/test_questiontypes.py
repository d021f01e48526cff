"""The question-type registry: every type has all its parts, and nothing outside the type modules
names a type (docs/question-types.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.questiontypes import STANDARDS, TYPES, QuestionType, get
from builder.questiontypes.base import QuestionType as Base

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["true-false", "single-choice", "multiple-choice", "matching", "sequencing", "fill-in", "numeric",
         "likert", "free-text"]


def test_the_registry_holds_the_nine_types_in_order():
    assert list(TYPES) == NAMES
    assert [get(n).name for n in NAMES] == NAMES
    with pytest.raises(KeyError):
        get("essay")


@pytest.mark.parametrize("name", NAMES)
def test_every_type_has_all_its_parts(name):
    kind = get(name)
    assert isinstance(kind, QuestionType) and QuestionType is Base
    assert (ROOT / "builder" / "questiontypes" / f"{name.replace('-', '_')}.py").is_file()
    assert set(kind.interaction) == set(STANDARDS) and all(kind.interaction.values())
    assert isinstance(kind.scored, bool)
    assert isinstance(kind.required, frozenset) and isinstance(kind.optional, frozenset)
    assert not kind.required & kind.optional
    assert kind.snippet.startswith("  ")
    assert (ROOT / "templates" / kind.template).is_file()
    assert (ROOT / "templates" / kind.paper_template).is_file()  # its printed form (the pdf target)
    # a scored type knows its right answer; an unscored one has none
    for method in ("load", "runtime", "correct_parts", "words", "judge"):
        assert callable(getattr(kind, method))
    js_types = ROOT / "assets" / "runtime" / "types"
    if js_types.is_dir():  # the JS half (issue 19, issue-19js) adds one module per type
        assert (js_types / f"{name}.js").is_file()


#: a question type's name in quotes, as code that switches on it writes it
QUOTED = re.compile(r"""["'](%s)["']""" % "|".join(map(re.escape, NAMES)))
#: where a type may be named: its own modules, forms and starter text; and the report's reader of
#: xAPI definitions, which switches on xAPI's interaction types (any package's), not on ours
ALLOWED = ("builder/questiontypes/", "assets/runtime/types/", "templates/questions/", "templates/starter/",
           "builder/report/definitions.py")
#: lines that name a standard's interaction type that happens to share a type's name, not a type
NOT_A_TYPE = ('"performance" ? "likert"', 'var LIMITS = { "long-fill-in"')


def named_types(folder: str) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*")):
        rel = path.relative_to(ROOT).as_posix()
        if not path.is_file() or path.suffix not in (".py", ".js", ".html", ".xml") or rel.startswith(ALLOWED):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if QUOTED.search(line) and not any(ok in line for ok in NOT_A_TYPE):
                found.append(f"{rel}:{number}: {line.strip()}")
    return found


@pytest.mark.parametrize("folder", ["builder", "templates", "assets/runtime"])
def test_no_file_outside_the_type_modules_names_a_question_type(folder):
    if folder == "assets/runtime" and not (ROOT / folder / "types").is_dir():
        pytest.skip("the runtime's type modules (issue 19, JS half) have not landed yet")
    assert named_types(folder) == []
