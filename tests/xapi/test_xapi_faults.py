"""xAPI packages launched the way Moodle's tincanlaunch does, reporting to a real LRS (Ralph),
when things go wrong or the learner comes back: the LRS drops out (a proxy answers 503, hangs,
refuses), refuses the credentials or the statements, a reload midway, re-entry into a finished
unit. Nothing is lost or doubled, and the learner is told.
"""

from __future__ import annotations

import itertools
import json
import uuid

import tincan

from tests.support.learner import right_response
from tests.support.lrs import FaultyLine
from tests.support.player import ui
from tests.support.xapi_session import (  # noqa: F401  (fixtures)
    DURATION,
    ERIKA,
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
)


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
