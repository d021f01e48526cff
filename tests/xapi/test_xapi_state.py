"""The bookmark in a State API with xAPI 2.0's concurrency rules (ADL's LRS behind Moodle).

Ralph has none, so a double (tests/support/state_api.py) stands in; it is tested here first
against the rules, then the package is: saved with If-None-Match / If-Match, read from another
browser, and merged when another browser wrote in between (412), never a 409.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.support.learner import right_response
from tests.support.lrs import FaultyLine, free_port
from tests.support.player import ui
from tests.support.state_api import StateDouble
from tests.support.xapi_session import ERIKA, Session, every_statement_valid, launch_id, launch_url, lrs, site, sites  # noqa: F401

HIDE = ("Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'));"
        "Object.defineProperty(document, 'visibilityState', {value: 'visible', configurable: true});")


def call(url, method="GET", body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as res:
            return res.status, res.headers.get("ETag"), res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("ETag"), e.read()


def test_the_state_double_enforces_the_2_0_concurrency_rules():
    line = FaultyLine(free_port(), state=StateDouble())
    url = line.endpoint + "activities/state?" + urllib.parse.urlencode(
        {"stateId": "bookmark", "activityId": "https://example.org/u", "agent": json.dumps(ERIKA)})
    assert call(url)[0] == 404
    assert call(url, "PUT", b'{"a": 1}')[0] == 204  # nothing there yet: a plain PUT creates it
    status, etag, body = call(url)
    assert (status, json.loads(body)) == (200, {"a": 1}) and etag.startswith('"')
    assert call(url, "PUT", b'{"a": 2}')[0] == 409  # exists, no precondition
    assert call(url, "PUT", b'{"a": 2}', {"If-None-Match": "*"})[0] == 412
    assert call(url, "PUT", b'{"a": 2}', {"If-Match": '"0000"'})[0] == 412
    assert call(url, "PUT", b'{"a": 2}', {"If-Match": etag})[0] == 204
    assert call(url, "PUT", b'{"a": 3}', {"If-Match": etag})[0] == 412  # that ETag is stale now
    assert json.loads(call(url)[2]) == {"a": 2}
    line.close()


@pytest.fixture
def line(lrs):
    line = FaultyLine(lrs.port, state=StateDouble())
    yield line
    line.close()


def test_the_bookmark_moves_between_browsers_and_merges_after_a_conflict(browser, sites, lrs, line, seed_unit):
    unit = seed_unit
    registration = str(uuid.uuid4())
    url = launch_url(sites["en"], line.endpoint, lrs.auth, ERIKA, registration, launch_id(unit, "en"))
    kc = unit.pages[7]

    def doc():
        return line.state.document(launch_id(unit, "en"), ERIKA, registration)

    first = Session(browser, url, unit, "en")
    first.learner.run_through(stop_after_page=unit.pages[2].id)
    first.settled()
    first.page.goto("about:blank")  # closes the unit: hidden, then pagehide
    first.page.wait_for_timeout(300)
    assert doc()["state"]["page"] == unit.pages[2].id
    first.context.close()

    second = Session(browser, url, unit, "en")  # another browser: nothing of the first's localStorage
    assert second.learner.current_page() == unit.pages[2].id
    for _ in range(7 - 2):
        second.learner.next()
    q = unit.questions[kc.questions[0]]
    second.learner.answer(q, right_response(q, "en"))
    second.settled()
    second.page.evaluate(HIDE)  # the learner switches tabs: the bookmark is written, the page lives
    second.page.wait_for_timeout(300)
    assert doc()["state"]["page"] == kc.id and q.id in doc()["state"]["answers"]

    # meanwhile a third browser answered another question of the same attempt
    other = unit.questions[kc.questions[1]]
    theirs = doc()
    theirs = {**theirs, "at": theirs["at"] + 1, "state": {**theirs["state"], "answers": {
        **theirs["state"]["answers"], other.id: right_response(other, "en")}}}
    line.state.put_behind(launch_id(unit, "en"), ERIKA, registration, theirs)
    second.learner.next()  # to the next page, then hidden again: 412, read, merge, write
    second.page.evaluate(HIDE)
    second.page.wait_for_timeout(500)
    assert {q.id, other.id} <= set(doc()["state"]["answers"])
    assert doc()["state"]["page"] == unit.pages[8].id
    statuses = [s for _, s, _ in line.state.log]
    assert 409 not in statuses and 412 in statuses
    puts = [(s, pre) for m, s, pre in line.state.log if m == "PUT"]
    assert puts[0] == (204, "If-None-Match: *")
    assert all(pre.startswith("If-Match: ") for _, pre in puts[1:])
    assert second.notice() is None
    second.context.close()

    third = Session(browser, url, unit, "en")
    assert third.learner.current_page() == unit.pages[8].id
    for qid in (q.id, other.id):  # both answers restored, from two browsers
        assert third.page.locator(f"#q-{qid} .feedback").text_content().strip()
    third.context.close()


def test_a_bookmark_the_state_api_will_not_take_is_not_lost_in_silence(browser, sites, lrs, line, seed_unit):
    unit = seed_unit
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(sites["de"], line.endpoint, lrs.auth, ERIKA, registration,
                                          launch_id(unit, "de")), unit, "de")
    session.learner.next()
    session.settled()
    line.state.fail_writes = 500
    session.page.evaluate(HIDE)
    session.page.wait_for_function("document.getElementById('notice').hidden === false")
    assert session.notice() == ui("de")["bookmark_failed"]
    assert any("bookmark not saved" in c[1] for c in session.console if c[0] == "warning")
    assert line.state.document(launch_id(unit, "de"), ERIKA, registration) is None
    # the browser kept it: a reload resumes where the learner was
    session.page.reload()
    session.learner.wait_ready()
    assert session.learner.current_page() == unit.pages[1].id
    session.context.close()
