"""A learner launching an xAPI package the way Moodle's tincanlaunch does, against a real LRS
(Ralph) on another origin, and what the statements must say: shared by the xAPI test modules
(and the report, cmi5 and bundle ones). `every_statement_valid` (autouse) checks whatever a test
stored with Learning Locker's validator: import it with the fixtures."""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse

import pytest

from builder.targets.xapi import number
from tests.support.learner import Learner
from tests.support.lrs import VENV, RalphLRS
from tests.support.xapi_checks import problems

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
