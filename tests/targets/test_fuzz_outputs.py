"""Properties about what comes out, not only that nothing crashed (issue 11):

- whatever `check` accepts builds packages that are valid: well-formed XML, player data that
  parses as JSON, `qser validate` without a problem, no two packages with one name;
- `qser validate` on damaged zips always answers with problems it can name;
- `qser report` against an LRS answering mutated statements either explains or reports, in
  every format, with nothing a terminal would obey in the table.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from builder.build import build
from builder.cli import main
from builder.errors import UnitError
from builder.load.loader import load_unit
from builder.targets import all_targets
from builder.report.formats import as_csv, as_html, as_json, as_table
from builder.report.from_lrs import build_report
from builder.report.lrs import LRSError, StatementReader
from builder.targets.validate import validate_package
from tests.conftest import PACKAGES
from tests.support.fake_lrs import FakeLRS
from tests.support.fuzz import plausible_units, values  # noqa: F401  (the profile is loaded there)
from tests.support.tiny import TINY

few = settings(max_examples=int(__import__("os").environ.get("QSER_FUZZ_BUILDS", "40")), deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
hostile_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["\x1b[2J", "a\x00b", "x\u2028y", "]]>", "</script>", "&amp;", "<b>", "=1+2", "Ünïcödé", "A" * 250, "", " "])
numbers = st.one_of(st.integers(-5, 10**20), st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(
    [".nan", ".inf", "-.inf", "1e400", "0x1F", "1_000"]))


def assert_valid_packages(folder: Path) -> None:
    zips = sorted(folder.glob("*.zip"))
    assert zips and len({z.name.casefold() for z in zips}) == len(zips)
    for backup in sorted(folder.glob("*.mbz")):  # Moodle backups holding the scorm12 zips
        report = validate_package(backup)
        assert not report.problems, "\n".join(map(str, report.problems))
    for z in zips:
        report = validate_package(z)
        assert not report.problems, "\n".join(map(str, report.problems))
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if name.endswith(".xml"):
                    etree.fromstring(zf.read(name))  # well-formed
            page = zf.read("index.html").decode("utf-8")
            data = re.search(r'<script type="application/json" id="unit-data">(.*?)</script>', page, re.S)[1]
            json.loads(data, parse_constant=lambda c: pytest.fail(f"player data holds {c}"))


BUILT: list[int] = []  # examples that built: the property must not pass only by refusing everything


@few
def mostly(plain, hostile):
    """The plain value three times in four: a unit breaks in one place at a time, and builds often."""
    return st.one_of(st.just(plain), st.just(plain), st.just(plain), hostile)


@given(title=mostly("A tiny unit", hostile_text), heading=mostly("Welcome", hostile_text),
       choice=mostly("Blue", hostile_text), weight=mostly(1, numbers), version=mostly("0.1.0", hostile_text))
def test_what_check_accepts_builds_valid_packages(title, heading, choice, weight, version):
    root = Path(tempfile.mkdtemp(prefix="qser-fuzz-build-"))
    try:
        unit = root / "units" / "tiny"
        shutil.copytree(TINY, unit)
        y = unit / "unit.yaml"
        y.write_text(y.read_text().replace("en: A tiny unit", f"en: {json.dumps(title, ensure_ascii=False)}")
                     .replace("version: 0.1.0", f"version: {json.dumps(version, ensure_ascii=False)}"))
        md = unit / "en.md"
        md.write_text(md.read_text().replace("# Welcome {#welcome}", f"# {heading} {{#welcome}}"))
        q = unit / "questions.yaml"
        w = weight if isinstance(weight, str) else json.dumps(weight).replace("NaN", ".nan").replace("Infinity", ".inf")
        q.write_text(q.read_text().replace("text: {en: Blue, de: Blau}", f"text: {{en: {json.dumps(choice, ensure_ascii=False)}, de: Blau}}")
                     .replace("  type: single-choice", f"  type: single-choice\n  weight: {w}"))
        try:
            build(root / "units", root / "dist", targets=PACKAGES)  # the PDFs of such units: test_pdf.py
        except UnitError as e:
            assert e.problems and all(p.what and p.fix for p in e.problems)
            assert not (root / "dist").exists()
            return
        assert_valid_packages(root / "dist")
        BUILT.append(1)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_build_property_did_build_packages():
    assert BUILT, "no generated unit was accepted: the property above checked no package"


@functools.lru_cache(maxsize=1)
def _good_zips() -> list[bytes]:
    out = Path(tempfile.mkdtemp(prefix="qser-fuzz-zips-"))
    shutil.copytree(TINY, out / "units" / "tiny")
    build(out / "units", out / "dist", langs=["en"], targets=[*PACKAGES, "moodle"])
    zips = [p.read_bytes() for p in sorted((out / "dist").glob("*.zip")) + sorted((out / "dist").glob("*.mbz"))]
    shutil.rmtree(out, ignore_errors=True)
    return zips


mutations = st.lists(st.tuples(st.sampled_from(["flip", "cut", "insert"]), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
                     min_size=1, max_size=4)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, 100), changes=mutations)
def test_validate_explains_any_damaged_zip(which, changes):
    data = bytearray(_good_zips()[which % len(_good_zips())])  # every target's, the .mbz backups included
    for kind, where, blob in changes:
        at = int(where * max(len(data) - 1, 0))
        if kind == "flip" and data:
            data[at] ^= blob[0] or 1
        elif kind == "cut" and at:
            del data[at:]
        elif kind == "insert":
            data[at:at] = blob
    with tempfile.NamedTemporaryFile(suffix=".zip") as f:
        f.write(bytes(data))
        f.flush()
        report = validate_package(Path(f.name))
    assert all(p.what and p.fix for p in report.problems)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile_text),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["actor", "verb", "object", "result", "context", "id", "name", "mbox", "account", "definition", "score",
         "raw", "scaled", "response", "success", "duration", "timestamp", "registration", "interactionType",
         "choices", "description", "en-US", "homePage"]) | hostile_text, inner, max_size=5), max_leaves=25)


@pytest.fixture(scope="module")
def mutable_lrs():
    answer = {"body": b"{}"}
    lrs = FakeLRS(lambda path: (200, {}, answer["body"]))
    lrs.answer_with = answer
    yield lrs
    lrs.close()


UNIT = "https://example.org/units/tiny"
GOOD = {"actor": {"name": "Erika", "mbox": "mailto:e@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": UNIT + "/questions/colour", "definition": {"interactionType": "choice",
                                                                     "choices": [{"id": "blue"}]}},
        "result": {"response": "blue", "success": True}, "timestamp": "2026-11-01T10:00:00Z"}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutant=json_values, path=st.lists(st.sampled_from(["actor", "verb", "object", "result", "definition", "name",
                                                          "choices", "score", "context"]), max_size=3),
       wrap=st.sampled_from(["statement", "page", "body"]))
def test_report_explains_or_reports_any_lrs_answer(mutable_lrs, mutant, path, wrap):
    statement = json.loads(json.dumps(GOOD))
    target = statement
    for key in path[:-1]:
        target = target.setdefault(key, {}) if isinstance(target.get(key, {}), dict) else target
    if path:
        target[path[-1]] = mutant
    body = {"statement": {"statements": [statement, GOOD], "more": ""}, "page": {"statements": [mutant], "more": ""},
            "body": mutant}[wrap]
    mutable_lrs.answer_with["body"] = json.dumps(body).encode()
    try:
        result = build_report(StatementReader(mutable_lrs.endpoint, "u", "p").statements(UNIT), UNIT, "de")
    except LRSError as e:
        assert str(e)
        return
    table = as_table(result)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]", table)
    as_csv(result), as_html(result), json.loads(as_json(result))


# ---- Drawn units, built: every package carries every question, and lists every file it holds ----

TINCAN = "{http://projecttincan.com/tincan.xsd}"
CARRIED: list[int] = []  # examples built and checked


def unit_data(zf: zipfile.ZipFile) -> dict:
    page = zf.read("index.html").decode("utf-8")
    return json.loads(re.search(r'<script type="application/json" id="unit-data">(.*?)</script>', page, re.S)[1])


def assert_package_carries(path: Path, unit) -> None:
    """What an LMS administrator and a trainer rely on, read from the zip itself."""
    questions = set(unit.questions)
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        data = unit_data(zf)
        assert set(data["questions"]) == questions
        assert data["pages"] == [p.id for p in unit.pages]
        if "imsmanifest.xml" in names:
            manifest = etree.fromstring(zf.read("imsmanifest.xml"))
            listed = [f.get("href") for f in manifest.iter("{*}file")]  # any edition's namespace
            content = {n for n in names if n != "imsmanifest.xml" and not ("/" not in n and n.endswith((".xsd", ".dtd")))}
            assert sorted(listed) == sorted(content), "the manifest and the zip disagree"  # schemas need no listing
        if "tincan.xml" in names:
            tincan = etree.fromstring(zf.read("tincan.xml"))
            prefix = unit.xapi_base + "/questions/"
            ids = [a.get("id")[len(prefix):] for a in tincan.iter(TINCAN + "activity") if a.get("id").startswith(prefix)]
            assert sorted(ids) == sorted(questions), f"tincan.xml lists {ids}"
            assert set(data["tracker"]["questions"]) == questions
        if names & {"imsmanifest.xml", "tincan.xml"}:  # a tracked package: the runtime can write every answer
            notations = data["tracker"]["notations"]
            assert set(notations) == questions
            for qid, q in unit.questions.items():  # a right answer to compare with exactly when scored
                assert (notations[qid]["pattern"] is not None) == q.scored, (qid, notations[qid])


@few
@given(drawn=plausible_units().filter(lambda d: d[2] == "none"))
def test_a_built_unit_carries_every_question_and_validates(drawn):
    files, langs, _ = drawn
    root = Path(tempfile.mkdtemp(prefix="qser-fuzz-carry-"))
    try:
        folder = root / "units" / "tiny"
        folder.mkdir(parents=True)  # the drawn files are the whole unit: no media
        for name, content in files.items():
            (folder / name).write_text(content, "utf-8")
        unit = load_unit(folder)
        built = build(root / "units", root / "dist", targets=[*PACKAGES, "moodle"])
        per_unit = [b for b in built if all_targets()[b.target].whole_unit]
        assert sorted((b.lang, b.target) for b in built if b not in per_unit) == sorted(
            (lang, t) for lang in langs for t in PACKAGES)
        assert len(per_unit) == 1 + len(langs)  # the Moodle course, and an activity backup per language
        for b in built:
            if b in per_unit:
                continue  # a backup of the scorm12 zips, validated below
            assert_package_carries(b.path, unit)
            if b.target == "scorm12":  # the trainer's key to Moodle's reports, beside the zip
                side = b.path.with_name(b.path.name.removesuffix(".zip") + "-questions.html").read_text("utf-8")
                assert re.findall(r"<tr>\s*<td><code>(.*?)</code></td>", side) == list(unit.questions)
        result = CliRunner().invoke(main, ["validate", *map(str, sorted((root / "dist").glob("*.zip"))),
                                           *map(str, sorted((root / "dist").glob("*.mbz")))])
        assert result.exit_code == 0, result.output
        assert result.stdout.count("ok  ") == len(built)
        CARRIED.append(1)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_carry_property_did_build_packages():
    assert CARRIED, "no drawn unit was built: the property above checked no package"
