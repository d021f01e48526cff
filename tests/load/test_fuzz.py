"""Property: whatever an author writes, the loader either loads it or says what is wrong.

Never a traceback: every outcome is a Unit or the tool's own UnitError.
CI runs a few hundred examples per property; `make fuzz` runs many more.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from builder.errors import UnitError
from builder.load.loader import load_unit
from tests.support.fuzz import KEYS, LOADED, markdown, plausible_units, values
from tests.support.tiny import TINY


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


def assert_whole(unit, langs, questions_yaml: str) -> None:
    """What every loaded unit holds, whatever its sources looked like."""
    assert unit.languages == langs
    assert unit.pages, "a unit without pages"
    page_ids = [p.id for p in unit.pages]
    assert len(page_ids) == len(set(page_ids)), f"a page id twice: {page_ids}"
    placed = [qid for p in unit.pages for qid in p.questions]
    assert sorted(placed) == sorted(unit.questions), f"placed {placed}, declared {list(unit.questions)}"
    declared = [q["id"] for q in yaml.safe_load(questions_yaml) or []]
    assert len(declared) == len(set(declared)) == len(unit.questions), f"questions.yaml declares {declared}"
    for page in unit.pages:
        for lang in langs:
            blocks = page.blocks[lang]
            assert blocks, f"page {page.id} has no body in {lang}"
            assert tuple(v for k, v in blocks if k == "question") == page.questions
            assert page.title[lang].strip()
    texts = [unit.title, unit.description, *unit.objectives, *(p.title for p in unit.pages)]
    for q in unit.questions.values():
        texts += [q.prompt, *q.feedback.values(), *(o.text for o in q.choices + q.targets)]
        options = [o.id for o in q.choices]
        assert len(options) == len(set(options)), f"{q.id}: an option id twice"
    for text in texts:
        assert set(text) == set(langs) and all(isinstance(t, str) and t.strip() for t in text.values()), text


@given(plausible_units())
def test_a_right_unit_loads_whole_and_a_wrong_one_is_explained(drawn):
    files, langs, flaw = drawn
    folder = Path(tempfile.mkdtemp(prefix="qser-fuzz-")) / "tiny"
    try:
        folder.mkdir(parents=True)  # the drawn files are the whole unit: no media
        for name, content in files.items():
            (folder / name).write_text(content, "utf-8")
        try:
            unit = load_unit(folder)
        except UnitError as e:
            assert flaw != "none", f"a right unit refused: {e}"
            assert e.problems and all(p.what and p.fix for p in e.problems)
            if flaw == "empty-questions-file":
                assert any(Path(p.file).name == "questions.yaml" and "empty" in p.what for p in e.problems)
            return
        assert flaw == "none", f"loaded with the flaw {flaw}"
        assert_whole(unit, langs, files["questions.yaml"])
        LOADED.append(1)
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def test_the_whole_unit_property_did_load_units():
    assert LOADED, "no drawn unit loaded: the property above checked no unit"
