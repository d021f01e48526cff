"""cmi5 packages as an LMS imports them: cmi5.xml against the specification's course structure
schema, what it says (moveOn, masteryScore, launch method, every language), and `qser validate`
on cmi5 zips, good and broken."""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile

import pytest
from lxml import etree

from builder import ASSETS
from builder.targets.cmi5 import TARGET
from builder.targets.validate import validate_package

CS = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
SHARED_XSD = ASSETS.parent.parent / "shared" / "standards" / "cmi5" / "CourseStructure.xsd"
BASE = "https://example.org/q-ser/units/becoming-a-mentor"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_cmi5_xml_is_one_course_with_one_au_valid_against_the_schema(dist, seed_unit, lang):
    with zipfile.ZipFile(dist[(lang, "cmi5")]) as zf:
        root = etree.fromstring(zf.read("cmi5.xml"))
    schema = etree.XMLSchema(etree.parse(str(SHARED_XSD if SHARED_XSD.exists() else
                                             ASSETS / "schemas" / "cmi5" / "CourseStructure.xsd")))
    assert schema.validate(root), schema.error_log
    course, = root.findall(f"{CS}course")
    au, = root.findall(f"{CS}au")
    assert course.get("id") == f"{BASE}/{lang}/course"
    assert au.get("id") == f"{BASE}/{lang}"  # the publisher id: the same IRI as the xapi target's package
    assert (au.get("moveOn"), au.get("masteryScore"), au.get("launchMethod")) == ("CompletedAndPassed", "0.8", "AnyWindow")
    assert au.findtext(f"{CS}url") == "index.html"
    for element in (course, au):
        assert {s.get("lang"): s.text for s in element.findall(f"{CS}title/{CS}langstring")} == {
            "en-US": "Becoming a Q-SER mentor", "de-DE": "Ein Q-SER-Mentor werden"}
        assert [s.get("lang") for s in element.findall(f"{CS}description/{CS}langstring")] == ["en-US", "de-DE"]
    report = validate_package(dist[(lang, "cmi5")])
    assert (report.kind, report.problems) == ("cmi5", [])


def test_the_shipped_schema_is_the_specification_s(tmp_path):
    if not SHARED_XSD.exists():
        pytest.skip("no ../shared/standards/cmi5 here")
    assert (ASSETS / "schemas" / "cmi5" / "CourseStructure.xsd").read_bytes() == SHARED_XSD.read_bytes()


def test_a_unit_without_scored_questions_moves_on_when_completed(seed_unit):
    plain = dataclasses.replace(seed_unit, questions={k: q for k, q in seed_unit.questions.items() if not q.scored},
                                pages=[dataclasses.replace(p, questions=[q for p in [p] for q in p.questions
                                                                         if not seed_unit.questions[q].scored])
                                       for p in seed_unit.pages])
    root = etree.fromstring(TARGET.manifest(plain, "en", {})["cmi5.xml"])
    au = root.find(f"{CS}au")
    assert (au.get("moveOn"), au.get("masteryScore")) == ("Completed", None)


@pytest.mark.parametrize("old,new,what", [
    (b'masteryScore="0.8"', b'masteryScore="80"', "does not match the cmi5 course structure schema: Element "
     "'{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}au', attribute 'masteryScore': "
     "[facet 'maxInclusive'] The value '80' is greater than the maximum value allowed ('1')."),
    (b"<url>index.html", b"<url>start.html", "AU 'https://example.org/q-ser/units/becoming-a-mentor/en' launches "
     "'start.html', which is not in the zip"),
], ids=["mastery-in-percent", "missing-start-page"])
def test_validate_names_what_is_wrong_in_a_foreign_cmi5_xml(dist, tmp_path, old, new, what):
    broken = tmp_path / "broken-cmi5.zip"
    with zipfile.ZipFile(dist[("en", "cmi5")]) as zf, zipfile.ZipFile(broken, "w") as out:
        for name in zf.namelist():
            out.writestr(name, zf.read(name).replace(old, new) if name == "cmi5.xml" else zf.read(name))
    report = validate_package(broken)
    assert report.kind == "cmi5"
    assert [(str(p.file).rsplit("/", 1)[1], p.line, p.what) for p in report.problems] == [
        ("broken-cmi5.zip:cmi5.xml", 13, what)]


def tracker_data(folder) -> dict:
    html = (folder / "index.html").read_text("utf-8")
    return json.loads(re.search(r'<script type="application/json" id="unit-data">(.*?)</script>', html, re.S).group(1))[
        "tracker"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_au_reports_the_xapi_package_s_activities_and_notations(unpacked, lang):
    """Same page and question activities and response notations as the xapi package, so an LRS
    and `qser report` keep one activity per question whichever package a learner used."""
    cmi5, xapi = tracker_data(unpacked[(lang, "cmi5")]), tracker_data(unpacked[(lang, "xapi")])
    assert cmi5.pop("publisher") == f"{BASE}/{lang}"
    assert cmi5.pop("languages") == [{"en": "en-US", "de": "de-DE"}[lang]]
    assert cmi5 == xapi
    assert cmi5["questions"]["project-partners"]["id"] == f"{BASE}/questions/project-partners"
