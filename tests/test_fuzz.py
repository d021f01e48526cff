"""Property: whatever an author writes, the loader either loads it or says what is wrong.

Never a traceback: every outcome is a Unit or the tool's own UnitError.
CI runs a few hundred examples per property; `make fuzz` runs many more.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import UnitError
from builder.loader import load_unit
from tests.test_check import TINY

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

KEYS = ["id", "type", "prompt", "feedback", "choices", "sources", "targets", "items", "scale", "answers",
        "correct", "match", "text", "en", "de", "weight", "tolerance", "max_length", "wrong", "neutral",
        "languages", "mastery_score", "title", "version", "completion", "xapi_base", "objectives"]
TYPES = ["true-false", "single-choice", "multiple-choice", "matching", "sequencing", "fill-in", "numeric",
         "likert", "free-text", "essay"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 200), st.floats(allow_nan=True),
                    st.sampled_from(TYPES + KEYS + ["", "en", "de", "a", "b"]), st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)), max_leaves=30)
markdown_chars = st.sampled_from(list("#{}[]:`~!()*_-\n \tabcx") + ["question", "{#a}", "{#welcome}", "{#check}",
                                                                   "[question: colour]", "\n# ", "```"])
markdown = st.lists(markdown_chars, max_size=80).map("".join)


def load_with(replacements: dict[str, str | bytes]):
    folder = Path(tempfile.mkdtemp(prefix="qser-fuzz-")) / "tiny"
    try:
        shutil.copytree(TINY, folder)
        for name, content in replacements.items():
            path = folder / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        try:
            load_unit(folder)
        except UnitError as e:
            assert e.problems and all(p.what and p.fix for p in e.problems)
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


@given(values)
def test_any_questions_yaml_loads_or_is_explained(data):
    load_with({"questions.yaml": yaml.safe_dump(data, allow_unicode=True)})


@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=12))
def test_any_unit_yaml_loads_or_is_explained(data):
    load_with({"unit.yaml": yaml.safe_dump(data, allow_unicode=True)})


@given(markdown, markdown)
def test_any_markdown_loads_or_is_explained(en, de):
    load_with({"en.md": en, "de.md": de})


@given(st.binary(max_size=200))
def test_any_bytes_load_or_are_explained(data):
    load_with({"questions.yaml": data})
