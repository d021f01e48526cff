"""xAPI packages launched the way Moodle's tincanlaunch does, reporting to a real LRS (Ralph).

The package is served from its unzipped files on one origin, Ralph listens on another (CORS),
and what the tests check is what Ralph stored, read back with tincan.RemoteLRS. Faults are
real too: a proxy in front of Ralph answers 503, hangs, refuses, or loses Ralph's answer.

This module: the package (tincan.xml, embedded definitions, no credentials) and run-throughs
(every question type, no scored questions, no launch). The LRS dropping out, refusing, a reload
and re-entry are test_xapi_faults.py's; the helpers and fixtures are tests/support/xapi_session.py.
"""

from __future__ import annotations

import json
import re
import uuid
import zipfile

import pytest
import tincan
from lxml import etree

from builder.build import build
from builder.load.loader import load_unit
from builder.targets.xapi import question_activity, unit_activity
from tests.support.generate import TYPES as GENERATED_TYPES
from tests.support.generate import generate_unit
from tests.support.learner import LONG_REFLECTION, Learner
from tests.support.player import ui
from tests.support.xapi_session import (  # noqa: F401  (fixtures)
    DURATION,
    ERIKA,
    MAX,
    TAGS,
    TINCAN,
    Session,
    check_common,
    events,
    every_statement_valid,
    expected_events,
    in_order,
    launch_id,
    launch_url,
    lrs,
    site,
    sites,
    verb,
    xapi_response,
)


def package_config(unpacked, lang) -> dict:
    html = (unpacked[(lang, "xapi")] / "index.html").read_text("utf-8")
    raw = re.search(r'<script type="application/json" id="unit-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)["tracker"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_tincan_xml_lists_the_unit_first_then_every_question(dist, unpacked, seed_unit, lang):
    with zipfile.ZipFile(dist[(lang, "xapi")]) as zf:
        assert "tincan.xml" in zf.namelist()
        root = etree.fromstring(zf.read("tincan.xml"))
    activities = root.findall(f"{TINCAN}activities/{TINCAN}activity")
    first = activities[0]
    assert first.get("id") == launch_id(seed_unit, lang)  # its own activity in the LMS
    assert first.get("type") == "http://adlnet.gov/expapi/activities/course"
    assert first.find(f"{TINCAN}launch").text == "index.html"
    assert first.find(f"{TINCAN}launch").get("lang") == TAGS[lang]
    assert {n.get("lang"): n.text for n in first.findall(f"{TINCAN}name")} == {
        TAGS[l]: seed_unit.title[l] for l in seed_unit.languages}
    assert {n.get("lang"): n.text for n in first.findall(f"{TINCAN}description")} == {
        TAGS[l]: seed_unit.description[l] for l in seed_unit.languages}

    config = package_config(unpacked, lang)
    questions = activities[1:]
    assert [a.get("id") for a in questions] == [f"{seed_unit.xapi_base}/questions/{q}" for q in seed_unit.questions]
    for element, q in zip(questions, seed_unit.questions.values()):
        definition = config["questions"][q.id]["definition"]
        assert element.get("type") == definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert element.find(f"{TINCAN}interactionType").text == definition["interactionType"]
        assert {n.get("lang"): n.text for n in element.findall(f"{TINCAN}description")} == {
            TAGS[l]: q.prompt[l] for l in seed_unit.languages}
        patterns = [p.text for p in element.iter(f"{TINCAN}correctResponsePattern")]
        assert patterns == definition.get("correctResponsesPattern", [])
        for group in ("choices", "source", "target", "scale"):
            ids = [c.text for c in element.findall(f"{TINCAN}{group}/{TINCAN}component/{TINCAN}id")]
            assert ids == [c["id"] for c in definition.get(group, [])]
    assert len(activities) == 1 + len(seed_unit.questions)


def test_embedded_definitions_round_trip_through_tincan_and_match_in_every_language(unpacked, seed_unit):
    en, de = package_config(unpacked, "en"), package_config(unpacked, "de")
    assert (en["language"], de["language"]) == ("en-US", "de-DE")
    # one activity per page and question, whatever the language of the package; the unit per language;
    # a fill-in's correct responses are the answers of the package's language
    fill_ins = [q.id for q in seed_unit.questions.values() if q.type == "fill-in"]

    def neutral(config):
        config = json.loads(json.dumps({k: v for k, v in config.items() if k not in ("language", "unit")}))
        for qid in fill_ins:
            config["questions"][qid]["definition"].pop("correctResponsesPattern")
            config["notations"][qid].pop("pattern")
        return config

    assert fill_ins and neutral(en) == neutral(de)
    assert (en["unit"]["id"], de["unit"]["id"]) == (launch_id(seed_unit, "en"), launch_id(seed_unit, "de"))
    assert en["group"] == {"id": seed_unit.xapi_base, "objectType": "Activity"}
    for activity in [en["unit"], *en["pages"].values(), *en["questions"].values()]:
        again = tincan.Activity.from_json(json.dumps(activity)).as_version()
        assert again == activity
    assert en["unit"] == unit_activity(seed_unit, "en").as_version()
    for q in seed_unit.questions.values():
        d = en["questions"][q.id]["definition"]
        assert set(d["name"]) == set(d["description"]) == {"en-US", "de-DE"}
        assert en["questions"][q.id] == question_activity(seed_unit, q, "en").as_version()
    types = {q.id: en["questions"][q.id]["definition"]["interactionType"] for q in seed_unit.questions.values()}
    assert types["reflection-trait"] == "long-fill-in" and types["project-partners"] == "numeric"
    fill_in = en["questions"]["relationship-basis"]["definition"]["correctResponsesPattern"]
    q = seed_unit.questions["relationship-basis"]
    assert fill_in == [f"{{case_matters=false}}{' '.join(a.split())}" for a in q.answers["en"]]  # the package's own
    assert not set(q.answers["de"]) & set(q.answers["en"])  # so the German answers are not in it


@pytest.mark.parametrize("lang,right,agent", [("en", True, ERIKA), ("en", False, ERIKA), ("de", True, MAX),
                                              ("de", False, MAX)], ids=["en-right", "en-wrong", "de-right", "de-wrong"])
def test_a_run_through_reaches_the_lrs_statement_by_statement(browser, sites, lrs, seed_unit, lang, right, agent):
    unit = seed_unit
    registration = str(uuid.uuid4())
    long_text = ("Zuhören zuerst – écouter. " + LONG_REFLECTION + " ") * 4  # ~1,700 characters, never cut
    session = Session(browser, launch_url(sites[lang], lrs.endpoint, lrs.auth, agent, registration, launch_id(unit, lang)),
                      unit, lang)
    assert session.notice() is None
    seen = session.learner.run_through(right=right, free_text=long_text if right else None)
    stats = session.settled()
    statements = in_order(session.leave(lrs, agent, registration))

    outcome = "passed" if right else "failed"
    assert events(statements) == expected_events(unit, outcome) + [("terminated", unit.id)]
    check_common(statements, unit, lang, registration, agent)
    assert session.errors == []
    lrs_noise = [c for c in session.console if c[0] in ("error", "warning") and lrs.root in c[2]]
    assert len(lrs_noise) <= 1  # at most the State API's 404 for the bookmark

    answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in statements if verb(s) == "answered"}
    assert list(answered) == list(unit.questions)
    for qid, s in answered.items():
        q = unit.questions[qid]
        assert s["object"] == question_activity(unit, q, lang).as_version()  # with its package's full definition
        assert s["result"]["response"] == xapi_response(q, seen[qid][0])
        assert DURATION.match(s["result"]["duration"])
        assert s["result"]["extensions"] == {f"{unit.xapi_base}/extensions/attempt": 1}  # the first try
        if q.scored:
            assert s["result"]["success"] is right
            assert s["result"]["score"] == {"scaled": 1 if right else 0}
        else:
            assert "success" not in s["result"] and "score" not in s["result"]
    if right:
        assert answered["reflection-trait"]["result"]["response"] == long_text

    score = {"raw": 100 if right else 0, "min": 0, "max": 100, "scaled": 1.0 if right else 0.0}
    for qid, s in answered.items():
        assert s["result"]["extensions"] == {f"{unit.xapi_base}/extensions/attempt": 1}
    counted = {s["object"]["id"]: s["id"] for qid, s in answered.items() if unit.questions[qid].scored}
    for s in statements:
        if verb(s) in (outcome, "completed"):
            assert s["object"]["id"] == launch_id(unit, lang)
            # read alone: the pass mark, and which answers the score counted
            assert s["context"]["extensions"] == {
                "https://w3id.org/xapi/cmi5/context/extensions/masteryscore": unit.mastery_score / 100}
            assert s["result"]["extensions"] == {f"{unit.xapi_base}/extensions/answers": counted}
            assert s["result"]["score"] == score
            assert s["result"]["success"] is right and s["result"]["completion"] is True
    experienced = [s for s in statements if verb(s) == "experienced"]
    assert [s["object"]["definition"]["name"][TAGS[lang]] for s in experienced] == [p.title[lang] for p in unit.pages]
    # one request per moment: the bookmark read, then one POST per page change or answer
    moments = len(unit.pages) + len(unit.questions)
    assert stats["requests"] <= 1 + moments
    assert stats["statements"] == stats["delivered"] == len(statements) - 1  # all but terminated, once each


def test_without_a_launch_the_unit_works_and_sends_nothing(page, sites, seed_unit):
    contacted = []
    page.on("request", lambda r: contacted.append(r.url))
    page.goto(sites["de"] + "/index.html")
    learner = Learner(page, seed_unit, "de")
    learner.wait_ready()
    assert page.locator("#notice").inner_text() == ui("de")["not_connected"]
    learner.run_through(right=True)
    assert "100" in learner.result_text()
    assert page.evaluate("QSER.xapi.requests") == 0
    assert all(u.startswith(sites["de"]) for u in contacted)
    assert page.js_errors == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_package_holds_no_credentials_or_endpoint(dist, lrs, lang):
    # after the LRS fixture ran: the test's own endpoint and password exist and must not leak in
    secrets = [b"Basic ", b"127.0.0.1", b"password", lrs.password.encode(), lrs.auth.split()[1].encode(),
               str(lrs.port).encode() + b"/xAPI"]
    raw = dist[(lang, "xapi")].read_bytes()
    with zipfile.ZipFile(dist[(lang, "xapi")]) as zf:
        contents = [raw] + [zf.read(name) for name in zf.namelist()]
    for blob in contents:
        for secret in secrets:
            assert secret not in blob


def launch_generated(tmp_path, site, types, pages, questions, unit_id):
    units = tmp_path / "units"
    generate_unit(units, unit_id, pages=pages, questions=questions, types=types)
    built = build(units, tmp_path / "dist", [unit_id], ["en"], ["xapi"])
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(site[0] / unit_id)
    return load_unit(units / unit_id), f"{site[1]}/{unit_id}"


def test_every_question_type_reports_in_xapi_formats(browser, site, lrs, tmp_path):
    unit, url = launch_generated(tmp_path, site, GENERATED_TYPES, 3, 9, "every")
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(url, lrs.endpoint, lrs.auth, ERIKA, registration, launch_id(unit, "en")),
                      unit, "en")
    seen = session.learner.run_through(right=True)
    session.settled()
    statements = in_order(session.leave(lrs, ERIKA, registration))
    assert events(statements) == expected_events(unit, "passed") + [("terminated", unit.id)]
    check_common(statements, unit, "en", registration, ERIKA)
    answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in statements if verb(s) == "answered"}
    kinds = {}
    for qid, q in unit.questions.items():
        s = answered[qid]
        assert s["result"]["response"] == xapi_response(q, seen[qid][0])
        d = s["object"]["definition"]
        kinds[q.type] = (d["interactionType"], sorted(k for k in ("choices", "source", "target", "scale") if k in d),
                         "correctResponsesPattern" in d)
    assert kinds == {
        "true-false": ("true-false", [], True), "single-choice": ("choice", ["choices"], True),
        "multiple-choice": ("choice", ["choices"], True), "matching": ("matching", ["source", "target"], True),
        "sequencing": ("sequencing", ["choices"], True), "fill-in": ("fill-in", [], True),
        "numeric": ("numeric", [], True), "likert": ("likert", ["scale"], False),
        "free-text": ("long-fill-in", [], False)}
    likert = next(q for q in unit.questions.values() if q.type == "likert")
    assert answered[likert.id]["result"]["response"] == likert.choices[0].id
    assert "success" not in answered[likert.id]["result"]


def test_a_unit_without_scored_questions_is_completed_without_a_score(browser, site, lrs, tmp_path):
    unit, url = launch_generated(tmp_path, site, ["likert", "free-text"], 2, 2, "plain")
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(url, lrs.endpoint, lrs.auth, ERIKA, registration, launch_id(unit, "en")),
                      unit, "en")
    session.learner.run_through(right=True)
    session.settled()
    statements = in_order(session.leave(lrs, ERIKA, registration))
    assert events(statements) == expected_events(unit, None) + [("terminated", unit.id)]
    completed = next(s for s in statements if verb(s) == "completed")
    assert completed["result"]["completion"] is True
    assert "score" not in completed["result"] and "success" not in completed["result"]
