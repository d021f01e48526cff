"""xAPI launches that cannot work are told apart at once; an outage is bridged on a clock.

A bad launch parameter (what an LMS administrator must fix) shows the learner a notice naming
it, and nothing is queued or sent that an LRS could only refuse. After an outage, what waited is
delivered within seconds of the LRS coming back, whatever the learner does meanwhile.
"""

from __future__ import annotations

import json
import time
import urllib.parse
import uuid
from datetime import datetime, timezone

import pytest

from tests.support.lrs import FaultyLine
from tests.support.player import ui
from tests.support.xapi_session import (  # noqa: F401
    ERIKA,
    MAX,
    Session,
    events,
    every_statement_valid,
    in_order,
    launch_id,
    launch_url,
    lrs,
    site,
    sites,
    verb,
)

BAD = {
    "registration": {"registration": "attempt-1"},
    "actor": {"actor": {"name": "Erika", "mbox": "mailto:not an email"}},
    "account": {"actor": {"name": "Max", "account": {"homePage": "moodle", "name": "1234"}}},
    "activity_id": {"activity_id": "mod 42"},
    "endpoint": {"endpoint": "lrs.example.org/xAPI/"},
}


def queued(page) -> list:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('qser-xapi-'))")


@pytest.mark.parametrize("lang,case", [("en", c) for c in BAD] + [("de", "registration"), ("de", "account")])
def test_a_bad_launch_parameter_is_named_and_nothing_is_queued(browser, sites, lrs, seed_unit, lang, case):
    launch = {"endpoint": lrs.endpoint, "auth": lrs.auth, "actor": ERIKA, "registration": str(uuid.uuid4()),
              "activity_id": launch_id(seed_unit, lang)}
    launch.update(BAD[case])
    contacted = []
    url = launch_url(sites[lang], launch["endpoint"], launch["auth"], launch["actor"], launch["registration"],
                     launch["activity_id"])
    context = browser.new_context()
    context.on("request", lambda r: contacted.append(r.url))
    session = Session(browser, url, seed_unit, lang, context)
    what = ui(lang)["launch_" + ("actor" if case == "account" else case)]
    assert session.notice() == ui(lang)["launch_invalid"].replace("{what}", what)
    session.learner.run_through(right=True)
    assert "100" in session.learner.result_text()  # the unit itself works
    assert session.stats()["requests"] == 0 and queued(session.page) == []
    assert all(u.startswith(sites[lang]) for u in contacted)
    assert session.errors == []
    context.close()


def test_a_cmi5_launch_is_told_this_is_not_a_cmi5_package(browser, sites, lrs, seed_unit):
    q = lambda v: urllib.parse.quote(v, safe="")  # noqa: E731
    url = (f"{sites['de']}/index.html?endpoint={q(lrs.endpoint)}&fetch={q(lrs.root + '/token/abc')}"
           f"&actor={q(json.dumps(ERIKA))}&registration={uuid.uuid4()}&activityId={q(seed_unit.xapi_base)}")
    session = Session(browser, url, seed_unit, "de")
    assert session.notice() == ui("de")["launch_cmi5"]
    session.learner.next()
    assert session.stats()["requests"] == 0 and queued(session.page) == []
    session.context.close()


def test_after_an_outage_statements_arrive_within_seconds_without_a_click(browser, sites, lrs, seed_unit):
    unit = seed_unit
    line = FaultyLine(lrs.port)
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(sites["en"], line.endpoint, lrs.auth, ERIKA, registration, launch_id(unit, "en")),
                      unit, "en")
    session.settled()
    line.mode = "refuse"  # the LRS goes away for 3 s; the learner reads on, clicking
    gone = time.monotonic()
    for _ in range(3):
        session.learner.next()
        session.page.wait_for_timeout(400)
    session.page.wait_for_timeout(max(0, 3000 - (time.monotonic() - gone) * 1000))
    assert session.notice() == ui("en")["saving_failed"] and session.stats()["queue"] == 3
    line.mode = "pass"  # back; the learner does nothing now
    back = time.monotonic()
    session.page.wait_for_function("QSER.xapi.queue === 0", timeout=10_000)
    delay = time.monotonic() - back
    print(f"\ndelivery {delay:.2f} s after a 3 s outage")
    assert delay < 5
    assert session.notice() is None
    stored = events(in_order(lrs.statements(ERIKA, registration)))
    assert stored == [("initialized", unit.id)] + [("experienced", p.id) for p in unit.pages[:4]]
    session.context.close()
    line.close()


def test_a_refused_batch_is_sent_again_on_the_clock_with_the_page_untouched(browser, sites, lrs, seed_unit):
    """The browser's clock is paused and moved on by hand: only the retry timer can send again."""
    unit = seed_unit
    line = FaultyLine(lrs.port)
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(sites["en"], line.endpoint, lrs.auth, ERIKA, registration, launch_id(unit, "en")),
                      unit, "en")
    session.settled()
    page = session.page
    page.clock.install()
    page.clock.pause_at(datetime.fromtimestamp(page.evaluate("Date.now()") / 1000 + 1, timezone.utc))  # a number: seconds
    posts = lambda: [r[2:] for r in line.requests("POST")]  # noqa: E731 ((mode, status) of each POST)
    sent = len(posts())

    def tries(failures=None, queue=None):
        """Wait in real time (the page's clock stands still) until the adapter has given up on its
        `failures`-th try, or holds `queue` statements; then the POSTs the line saw since the start."""
        for _ in range(200):
            stats = session.stats()
            if not stats["sending"] and stats["failures"] == (failures if failures is not None else stats["failures"]) \
                    and stats["queue"] == (queue if queue is not None else stats["queue"]):
                return posts()[sent:]
            time.sleep(0.05)
        raise AssertionError(f"the adapter never got there: {session.stats()}, the line saw {posts()[sent:]}")

    line.mode = "503"
    session.learner.next()  # the last thing the learner does in this test
    page.clock.run_for(10)  # the batch leaves at once: answered 503
    assert tries(failures=1) == [("503", 503)]
    assert session.notice() == ui("en")["saving_failed"] and session.stats()["queue"] == 1
    line.mode = "refuse"
    page.clock.run_for(900)  # the first retry is due 1 s after the failure: not yet
    time.sleep(0.5)
    assert posts()[sent:] == [("503", 503)]
    page.clock.run_for(200)  # sent again; the connection is refused (Chromium itself may try it twice)
    again = tries(failures=2)
    assert again[0] == ("503", 503) and set(again[1:]) == {("refuse", 0)}
    assert session.stats()["queue"] == 1
    line.mode = "pass"
    page.clock.run_for(1800)  # the second retry waits 2 s
    time.sleep(0.5)
    assert posts()[sent:] == again
    page.clock.run_for(300)
    assert tries(queue=0) == again + [("pass", 200)]
    assert session.stats()["failures"] == 2 and session.notice() is None
    stored = [s for s in lrs.raw_statements() if s["context"].get("registration") == registration]
    assert events(in_order(stored)) == [("initialized", unit.id), ("experienced", "welcome"), ("experienced", "why-mentoring")]
    assert len({s["id"] for s in stored}) == 3  # each exactly once in the store
    assert session.errors == []
    session.context.close()
    line.close()


def test_a_resume_onto_the_result_page_sends_initialized_and_resumed_at_once(browser, sites, lrs, seed_unit):
    unit = seed_unit
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(sites["en"], lrs.endpoint, lrs.auth, MAX, registration, launch_id(unit, "en")),
                      unit, "en")
    session.learner.run_through(right=True)
    session.settled()
    session.page.reload()
    session.learner.wait_ready()
    assert session.learner.current_page() is None or session.page.locator("#result").is_visible()
    session.page.wait_for_function("QSER.xapi.queue === 0", timeout=5_000)  # no click, no leaving
    tail = events(in_order(lrs.statements(MAX, registration)))[-3:]
    assert tail == [("terminated", unit.id), ("initialized", unit.id), ("resumed", unit.id)]
    session.context.close()


def test_statements_a_strict_lrs_refuses_are_kept_told_and_resent_by_an_administrator(browser, sites, lrs, seed_unit):
    unit = seed_unit
    line = FaultyLine(lrs.port)
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(sites["de"], line.endpoint, lrs.auth, MAX, registration,
                                          launch_id(unit, "de")), unit, "de")
    session.settled()
    line.mode = "400"  # the LRS refuses the page's statement for its content
    session.learner.next()
    session.page.wait_for_function("QSER.xapi.kept === 1 && QSER.xapi.queue === 0")
    assert session.notice() == ui("de")["lrs_rejected"]
    assert session.stats()["delivered"] == 2  # initialized, the first page; not the refused one
    line.mode = "pass"
    session.learner.next()  # later statements are not held up behind it
    session.settled()
    assert session.notice() == ui("de")["lrs_rejected"]  # still true: one is not recorded
    assert events(in_order(lrs.statements(MAX, registration)))[-1] == ("experienced", unit.pages[2].id)
    # the administrator fixed the LRS and re-sends from the console, as docs/xapi.md says
    assert session.page.evaluate("QSER.xapi.resendKept()") == 1
    session.settled()
    assert session.stats()["kept"] == 0 and session.notice() is None
    stored = events(in_order(lrs.statements(MAX, registration)))
    assert ("experienced", unit.pages[1].id) in stored and len(stored) == 4
    session.context.close()
    line.close()
