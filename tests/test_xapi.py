"""xAPI packages launched the way Moodle's tincanlaunch does, reporting to a real LRS (Ralph).

The package is served from its unzipped files on one origin, Ralph listens on another (CORS),
and what the tests check is what Ralph stored, read back with tincan.RemoteLRS. Faults are
real too: a proxy in front of Ralph answers 503, hangs, refuses, or loses Ralph's answer.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import urllib.parse
import uuid
import zipfile

import pytest
import tincan
from lxml import etree

from builder.build import build
from builder.loader import load_unit
from builder.targets.xapi import number, question_activity, unit_activity
from tests.learner import LONG_REFLECTION, Learner, right_response
from tests.support.generate import TYPES as GENERATED_TYPES
from tests.support.generate import generate_unit
from tests.support.lrs import VENV, FaultyLine, RalphLRS
from tests.support.xapi_checks import problems
from tests.test_player import ui

TAGS = {"en": "en-US", "de": "de-DE"}
TINCAN = "{http://projecttincan.com/tincan.xsd}"
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
DURATION = re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$")
ERIKA = {"name": "Erika Muster", "mbox": "mailto:erika@example.org", "objectType": "Agent"}
MAX = {"name": "Max Mustermann", "account": {"homePage": "https://moodle.example.org", "name": "1234"},
       "objectType": "Agent"}


# ---- what the statements must say, written out independently of the runtime ----

def xapi_response(q, r) -> str:
    if q.type == "true-false":
        return "true" if r else "false"
    if q.type in ("single-choice", "multiple-choice"):
        return "[,]".join(c.id for c in q.choices if c.id in r)
    if q.type == "matching":
        return "[,]".join(f"{s.id}[.]{r[s.id]}" for s in q.choices)
    if q.type == "sequencing":
        return "[,]".join(r)
    if q.type == "numeric":
        return number(r)
    return str(r)


def expected_events(unit, outcome_verb: str | None, pages=None) -> list[tuple[str, str]]:
    """(verb, object id's last part) of a learner reading `pages` in order and answering every
    question on them: the outcome comes the moment every page is seen and every scored question
    answered (`outcome_verb` None: a unit without scored questions, completed alone)."""
    events, seen, answered, done = [("initialized", unit.id)], set(), set(), False
    scored = {q.id for q in unit.scored_questions}

    def outcome():
        nonlocal done
        if not done and len(seen) == len(unit.pages) and scored <= answered:
            events.extend(([(outcome_verb, unit.id)] if outcome_verb else []) + [("completed", unit.id)])
            done = True

    for page in pages or unit.pages:
        events.append(("experienced", page.id))
        seen.add(page.id)
        outcome()
        for qid in page.questions:
            events.append(("answered", qid))
            answered.add(qid)
            outcome()
    return events


def launch_id(unit, lang) -> str:
    """One language's package of the unit: its own activity (tincan.xml's first id)."""
    return f"{unit.xapi_base}/{lang}"


def short(activity_id: str) -> str:
    """The last part of an activity id; a language's unit (<base>/<lang>) as the unit's id."""
    head, last = activity_id.rsplit("/", 1)
    return head.rsplit("/", 1)[1] if last in TAGS else last


def verb(s) -> str:
    return s["verb"]["id"].rsplit("/", 1)[1]


def events(statements) -> list[tuple[str, str]]:
    return [(verb(s), short(s["object"]["id"])) for s in statements]


def in_order(statements):
    return sorted(statements, key=lambda s: s["timestamp"])


# ---- launching ----

@pytest.fixture(scope="module")
def site(unpacked, serve, tmp_path_factory):
    """One origin (the LRS allows it) serving each package from a folder of its own."""
    root = tmp_path_factory.mktemp("site")
    for lang in ("en", "de"):
        shutil.copytree(unpacked[(lang, "xapi")], root / lang)
    return root, serve(root)


@pytest.fixture(scope="module")
def sites(site):
    return {lang: f"{site[1]}/{lang}" for lang in ("en", "de")}


@pytest.fixture(scope="module")
def lrs(site, tmp_path_factory):
    if not (VENV / "bin" / "python").exists():
        pytest.fail(f"Ralph not installed at {VENV}: run scripts/setup-tests")
    ralph = RalphLRS(tmp_path_factory.mktemp("ralph"), [site[1]]).start()
    yield ralph
    ralph.stop()


@pytest.fixture(autouse=True)
def every_statement_valid(request):
    """After each test that used the LRS: everything it stored passes Learning Locker's validator
    with no warning, and every answer re-scores from its own definition as the package scored it."""
    ralph = request.getfixturevalue("lrs") if "lrs" in request.fixturenames else None
    before = len(ralph.raw_statements()) if ralph else 0
    yield
    if ralph:
        assert problems(ralph.raw_statements()[before:]) == []


def launch_url(site, endpoint, auth, actor, registration, activity_id=None) -> str:
    """The launch link as mod_tincanlaunch builds it (RFC 3986 encoding)."""
    q = lambda v: urllib.parse.quote(v, safe="")  # noqa: E731
    url = (f"{site}/index.html?endpoint={q(endpoint)}&auth={q(auth)}&actor={q(json.dumps(actor))}"
           f"&registration={q(registration)}")
    return url + (f"&activity_id={q(activity_id)}" if activity_id else "")


class Session:
    """One launch in a fresh browser context (or `context`, to keep its localStorage)."""

    def __init__(self, browser, url, unit, lang, context=None):
        self.own = context is None
        self.context = context or browser.new_context(viewport={"width": 1024, "height": 800})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors, self.console = [], []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console.append((m.type, m.text, m.location.get("url", ""))))
        self.page.goto(url)
        self.learner = Learner(self.page, unit, lang)
        self.learner.wait_ready()

    def stats(self) -> dict:
        return self.page.evaluate("({...QSER.xapi, formats: undefined})")

    def settled(self, timeout=10_000) -> dict:
        self.page.wait_for_function("QSER.xapi.queue === 0", timeout=timeout)
        return self.stats()

    def notice(self) -> str | None:
        n = self.page.locator("#notice")
        return n.inner_text() if n.is_visible() else None

    def leave(self, lrs, agent, registration, close=True) -> list[dict]:
        """Close the unit (pagehide) and wait until its terminated statement reached the LRS."""
        self.page.goto("about:blank")
        deadline = 50
        while deadline:
            statements = lrs.statements(agent, registration)
            if any(verb(s) == "terminated" for s in statements):
                break
            self.page.wait_for_timeout(100)
            deadline -= 1
        else:
            raise AssertionError("no terminated statement reached the LRS")
        if close and self.own:
            self.context.close()
        return statements


def check_common(statements, unit, lang, registration, agent):
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids)), "a statement id twice"
    for s in statements:
        assert UUID4.match(s["id"])
        assert s["actor"] == agent
        assert s["context"]["registration"] == registration
        assert s["context"]["language"] == TAGS[lang]
        group = {"id": unit.xapi_base, "objectType": "Activity"}  # the unit, whatever the language
        own = {"id": launch_id(unit, lang), "objectType": "Activity"}  # this language's package of it
        if s["object"]["id"] == own["id"]:  # the unit's own statements
            assert s["context"]["contextActivities"] == {"grouping": [group]}
        elif "/questions/" in s["object"]["id"]:  # a question: on its page, in the unit
            qid = s["object"]["id"].rsplit("/", 1)[1]
            page = next(p.id for p in unit.pages if qid in p.questions)
            assert s["context"]["contextActivities"] == {
                "parent": [{"id": f"{unit.xapi_base}/pages/{page}", "objectType": "Activity"}], "grouping": [own, group]}
        else:
            assert s["context"]["contextActivities"] == {"parent": [own], "grouping": [group]}
        assert s["verb"]["id"] == f"http://adlnet.gov/expapi/verbs/{verb(s)}"
        assert s["verb"]["display"] == {"en-US": verb(s)}
        assert s["timestamp"]


# ---- the package ----

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
    # one activity per page and question, whatever the language of the package; the unit per language
    assert {k: v for k, v in en.items() if k not in ("language", "unit")} == {
        k: v for k, v in de.items() if k not in ("language", "unit")}
    assert (en["unit"]["id"], de["unit"]["id"]) == (launch_id(seed_unit, "en"), launch_id(seed_unit, "de"))
    assert en["group"] == {"id": seed_unit.xapi_base, "objectType": "Activity"}
    for activity in [en["unit"], *en["pages"].values(), *en["questions"].values()]:
        again = tincan.Activity.from_json(json.dumps(activity)).as_version()
        assert again == activity
    assert en["unit"] == unit_activity(seed_unit, "en").as_version()
    for q in seed_unit.questions.values():
        d = en["questions"][q.id]["definition"]
        assert set(d["name"]) == set(d["description"]) == {"en-US", "de-DE"}
        assert en["questions"][q.id] == question_activity(seed_unit, q).as_version()
    types = {q.id: en["questions"][q.id]["definition"]["interactionType"] for q in seed_unit.questions.values()}
    assert types["reflection-trait"] == "long-fill-in" and types["project-partners"] == "numeric"
    fill_in = en["questions"]["relationship-basis"]["definition"]["correctResponsesPattern"]
    q = seed_unit.questions["relationship-basis"]
    assert fill_in == [f"{{case_matters=false}}{' '.join(a.split())}"
                       for a in dict.fromkeys(q.answers["en"] + q.answers["de"])]


# ---- a learner and the LRS ----

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
        assert s["object"] == question_activity(unit, q).as_version()  # with its full definition
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


def test_the_lrs_drops_out_and_comes_back_and_nothing_is_lost_or_doubled(browser, sites, lrs, seed_unit):
    unit = seed_unit
    line = FaultyLine(lrs.port)
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(sites["en"], line.endpoint, lrs.auth, ERIKA, registration, launch_id(unit, "en")),
                      unit, "en")
    learner, page = session.learner, session.page
    learner.run_through(stop_after_page="summary")
    session.settled()
    kc = [unit.questions[qid] for qid in unit.pages[7].questions]

    def answer(q):
        learner.answer(q, right_response(q, "en"))

    def undelivered(action):
        """Do `action`, then wait until the adapter has given up on a request made after it."""
        before = session.stats()["failures"]
        action()
        page.wait_for_function(f"QSER.xapi.failures > {before} && !QSER.xapi.sending", timeout=15_000)

    line.mode = "503"  # the LRS is down: the learner is told and goes on
    undelivered(learner.next)
    assert session.notice() == ui("en")["saving_failed"]
    undelivered(lambda: answer(kc[0]))
    line.mode = "refuse"  # the network goes: no answer at all
    undelivered(lambda: answer(kc[1]))
    line.mode = "hang"  # an answer that never comes: the request times out after 10 s
    before = session.stats()["failures"]
    answer(kc[2])
    page.wait_for_function("QSER.xapi.sending")
    answer(kc[3])  # waits behind the hanging request
    page.wait_for_function(f"QSER.xapi.failures > {before} && !QSER.xapi.sending", timeout=15_000)
    assert line.hanging >= 1
    assert session.stats()["queue"] == 1 + 4  # the knowledge-check page and four answers, all kept
    line.mode = "lose"  # the LRS stores the batch, its answer never reaches the browser
    undelivered(lambda: answer(kc[4]))
    assert any(r[2] == "lose" for r in line.requests("POST"))
    queued = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('qser-xapi-queue:'))"
                           ".map(k => JSON.parse(localStorage.getItem(k)))")[0]
    stored = {s["id"] for s in lrs.statements(ERIKA, registration)}
    assert {s["id"] for s in queued} & stored  # stored, yet still waiting for a confirmation
    line.mode = "pass"  # back: the next answer sends everything; what the LRS has comes again, harmlessly
    answer(kc[5])
    session.settled()
    assert session.notice() is None

    # A batch the LRS answers 409 for (an id it holds in a form it compares as different): one PUT each.
    line.mode = "503"
    undelivered(lambda: answer(kc[6]))
    queued = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('qser-xapi-queue:'))"
                           ".map(k => JSON.parse(localStorage.getItem(k)))")[0]
    assert [verb(s) for s in queued] == ["answered"]
    # another client stored it first, rewriting the timestamp as +00:00 (tincan does)
    assert lrs.remote().save_statement(tincan.Statement.from_json(json.dumps(queued[0]))).success
    line.mode = "pass"
    learner.next()  # the reflection page: its statements go with the one the LRS holds in its own form
    session.settled()
    writes = [r for r in line.requests() if r[0] in ("POST", "PUT") and r[2] == "pass"]
    conflict = writes.index(("POST", "/xAPI/statements", "pass", 409))
    puts = list(itertools.takewhile(lambda r: r[0] == "PUT", writes[conflict + 1:]))
    assert puts and all(r[3] in (204, 409) for r in puts)
    assert [r[3] for r in puts].count(409) == 1
    for qid in unit.pages[8].questions:
        answer(unit.questions[qid])
    learner.next()
    session.settled()
    statements = in_order(session.leave(lrs, ERIKA, registration))
    line.close()

    assert events(statements) == expected_events(unit, "passed") + [("terminated", unit.id)]
    check_common(statements, unit, "en", registration, ERIKA)
    stored = [s["id"] for s in lrs.raw_statements() if s["context"].get("registration") == registration]
    assert len(stored) == len(set(stored)) == len(statements)  # nothing twice in the store either
    assert session.errors == []


def test_a_reload_midway_resumes_on_the_same_page_from_the_browsers_bookmark(browser, sites, lrs, seed_unit):
    unit = seed_unit
    registration = str(uuid.uuid4())
    line = FaultyLine(lrs.port)  # passing everything on, counting
    url = launch_url(sites["de"], line.endpoint, lrs.auth, ERIKA, registration, launch_id(unit, "de"))
    session = Session(browser, url, unit, "de")
    learner = session.learner
    learner.run_through(stop_after_page="summary")
    learner.next()
    first = unit.questions[unit.pages[7].questions[0]]
    learner.answer(first, right_response(first, "de"))
    session.settled()
    session.page.reload()  # pagehide: suspended + terminated leave with keepalive
    learner.wait_ready()
    assert learner.current_page() == "knowledge-check"
    assert session.page.locator(f"#q-{first.id} .feedback").inner_text().startswith(ui("de")["correct"])
    session.settled()
    statements = in_order(lrs.statements(ERIKA, registration))
    tail = events(statements)[-6:]
    assert tail == [("answered", first.id), ("suspended", unit.id), ("terminated", unit.id),
                    ("initialized", unit.id), ("resumed", unit.id), ("experienced", "knowledge-check")]
    suspended = next(s for s in statements if verb(s) == "suspended")
    assert DURATION.match(suspended["result"]["duration"])
    check_common(statements, unit, "de", registration, ERIKA)
    # POSTs share one CORS preflight (a "no-store" fetch would skip Chromium's preflight cache)
    assert len([r for r in line.requests("OPTIONS") if r[1].startswith("/xAPI/statements")]) == 1
    session.context.close()
    line.close()


def test_refused_credentials_keep_the_statements_for_the_next_launch(browser, sites, lrs, seed_unit):
    unit = seed_unit
    registration = str(uuid.uuid4())
    context = browser.new_context()
    wrong = "Basic " + "d3Jvbmc6d3Jvbmc="  # wrong:wrong
    # an older launcher: no activity_id, so the unit's own IRI is the activity
    session = Session(browser, launch_url(sites["en"], lrs.endpoint, wrong, ERIKA, registration), unit, "en", context)
    session.page.wait_for_function("QSER.xapi.failures >= 1")
    assert session.notice() == ui("en")["lrs_refused"]
    session.learner.next()
    assert session.stats()["queue"] == 3 and session.stats()["delivered"] == 0
    session.page.goto("about:blank")
    assert lrs.statements(ERIKA, registration) == []

    again = Session(browser, launch_url(sites["en"], lrs.endpoint, lrs.auth, ERIKA, registration), unit, "en", context)
    assert again.learner.current_page() == "why-mentoring"
    again.settled()
    assert again.notice() is None
    statements = in_order(lrs.statements(ERIKA, registration))
    assert events(statements) == [("initialized", unit.id), ("experienced", "welcome"), ("experienced", "why-mentoring"),
                                  ("suspended", unit.id), ("terminated", unit.id), ("initialized", unit.id),
                                  ("resumed", unit.id), ("experienced", "why-mentoring")]
    check_common(statements, unit, "en", registration, ERIKA)
    context.close()


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


def test_statements_the_lrs_refuses_are_kept_and_the_learner_is_told(browser, sites, lrs, seed_unit):
    unit = seed_unit
    registration = str(uuid.uuid4())
    # Ralph's validation refuses an e-mail address under a reserved domain (422): every statement
    refused = {"name": "Erika Muster", "mbox": "mailto:erika@example.invalid", "objectType": "Agent"}
    session = Session(browser, launch_url(sites["en"], lrs.endpoint, lrs.auth, refused, registration, launch_id(unit, "en")),
                      unit, "en")
    session.learner.next()
    stats = session.settled()
    assert stats["rejected"] == stats["kept"] == 3  # initialized, two pages: out of the queue, kept
    assert stats["delivered"] == 0  # not counted as delivered
    assert stats["requests"] == 1 + (1 + 2) + (1 + 1)  # bookmark; per moment the POST and a PUT per statement
    kept = session.page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('qser-xapi-rejected:'))"
                                 ".map(k => JSON.parse(localStorage.getItem(k)).map(s => s.verb.id.split('/').pop()))")
    assert kept == [["initialized", "experienced", "experienced"]]
    warnings = [c for c in session.console if c[0] == "warning"]
    assert len(warnings) == 3 and all("refuses" in w[1] for w in warnings)
    assert session.notice() == ui("en")["lrs_rejected"]  # the learner is told, and it stays
    session.learner.next()
    session.settled()
    assert session.notice() == ui("en")["lrs_rejected"] and session.stats()["kept"] == 4
    assert [s for s in lrs.raw_statements() if s.get("context", {}).get("registration") == registration] == []
    session.context.close()


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


def test_a_finished_unit_is_never_suspended_on_reentry(browser, sites, lrs, seed_unit):
    """Complete, leave, come back to the same registration, leave: no "suspended" after "completed"."""
    unit = seed_unit
    registration = str(uuid.uuid4())
    url = launch_url(sites["en"], lrs.endpoint, lrs.auth, ERIKA, registration, unit.xapi_base)
    context = browser.new_context()
    first = Session(browser, url, unit, "en", context)
    first.learner.run_through(right=True)
    first.settled()
    first.leave(lrs, ERIKA, registration, close=False)
    again = Session(browser, url, unit, "en", context)  # on the result page; its statements leave with it
    statements = in_order(again.leave(lrs, ERIKA, registration, close=False))
    for _ in range(50):  # the second terminated, too
        statements = in_order(lrs.statements(ERIKA, registration))
        if [verb(s) for s in statements].count("terminated") == 2:
            break
        again.page.wait_for_timeout(100)
    verbs = [verb(s) for s in statements]
    assert verbs.count("terminated") == 2
    assert "suspended" not in verbs[verbs.index("completed"):]
    context.close()
