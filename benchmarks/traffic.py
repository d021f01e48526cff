"""LRS and LMS traffic of one run-through: the xAPI package against Ralph through a proxy, the
cmi5 package through the cmi5 test LMS. Sections `xapi` and `cmi5` of benchmarks.run."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import SEED, UNITS, _browser, _unpacked, row
from builder.load.loader import load_unit


def _serve(site):
    """The unpacked package on a local origin, as an LMS would host it; (server, origin)."""
    import functools
    import threading

    from tests.conftest import QuietServer, _QuietHandler

    server = QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    server.handle_error = lambda *args: None  # the browser hanging up at the end is no news
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def bench_xapi() -> None:
    """LRS traffic of one full run-through (all right, English), counted at a proxy before Ralph."""
    import json as _json
    import urllib.parse
    import uuid

    from tests.support.learner import Learner
    from tests.support.lrs import FaultyLine, RalphLRS

    unit = load_unit(UNITS / SEED)
    manager, browser = _browser()
    with tempfile.TemporaryDirectory() as tmp:
        site = _unpacked(tmp, UNITS, SEED, "en", "xapi")
        server, origin = _serve(site)
        lrs = RalphLRS(Path(tmp) / "ralph", [origin]).start()
        line = FaultyLine(lrs.port)
        actor = {"name": "Erika Muster", "mbox": "mailto:erika@example.org", "objectType": "Agent"}
        q = lambda v: urllib.parse.quote(v, safe="")  # noqa: E731
        url = (f"{origin}/index.html?endpoint={q(line.endpoint)}&auth={q(lrs.auth)}&actor={q(_json.dumps(actor))}"
               f"&registration={uuid.uuid4()}&activity_id={q(unit.xapi_base)}")
        page = browser.new_page()
        page.goto(url)
        learner = Learner(page, unit, "en")
        learner.wait_ready()
        learner.run_through(right=True)
        page.wait_for_function("QSER.xapi.queue === 0")
        page.goto("about:blank")
        page.wait_for_timeout(1000)
        stored = len(lrs.raw_statements())
        requests = [r for r in line.requests() if r[0] != "OPTIONS"]
        preflights = len(line.requests("OPTIONS"))
        line.close()
        lrs.stop()
        server.shutdown()
    browser.close()
    manager.stop()
    moments = len(unit.pages) + 1 + len(unit.questions)  # every page, the result page, every answer
    row("xAPI run-through: page changes + answers", str(moments))
    row("xAPI run-through: HTTP requests to the LRS (+ CORS preflights)", f"{len(requests)} (+{preflights})")
    methods = {m: sum(r[0] == m and "/statements" in r[1] for r in requests) for m in ("POST", "PUT")}
    state = sum("/activities/state" in r[1] for r in requests)
    row("xAPI run-through: statement POSTs / PUTs, State API calls", f"{methods['POST']} / {methods['PUT']}, {state}")
    row("xAPI run-through: statements stored", str(stored))


def bench_cmi5() -> None:
    """Traffic of one full cmi5 run-through (all right, English) at the test LMS (tests/support/cmi5_lms.py)."""

    from tests.support.learner import Learner
    from tests.support.cmi5_lms import Cmi5LMS
    from tests.support.lrs import RalphLRS

    unit = load_unit(UNITS / SEED)
    manager, browser = _browser()
    with tempfile.TemporaryDirectory() as tmp:
        site = _unpacked(tmp, UNITS, SEED, "en", "cmi5")
        server, origin = _serve(site)
        lrs = RalphLRS(Path(tmp) / "ralph", []).start()
        lms = Cmi5LMS(lrs)
        actor = {"name": "Erika Muster", "account": {"homePage": "https://lms.example.org", "name": "erika"},
                 "objectType": "Agent"}
        url, _ = lms.launch(origin, actor, f"{unit.xapi_base}/en")
        page = browser.new_page()
        page.goto(url)
        learner = Learner(page, unit, "en")
        learner.wait_ready()
        learner.run_through(right=True)
        page.wait_for_function("QSER.xapi.queue === 0")
        page.goto("about:blank")
        page.wait_for_timeout(1000)
        stored = len(lrs.raw_statements())
        requests = [r for r in lms.log if r[0] != "OPTIONS"]
        preflights = sum(r[0] == "OPTIONS" for r in lms.log)
        broken = len(lms.violations)
        lms.close()
        lrs.stop()
        server.shutdown()
    browser.close()
    manager.stop()
    moments = len(unit.pages) + 1 + len(unit.questions)
    row("cmi5 run-through: page changes + answers", str(moments))
    row("cmi5 run-through: HTTP requests to the LMS (+ CORS preflights)", f"{len(requests)} (+{preflights})")
    posts = sum(r[0] == "POST" and "/statements" in r[1] for r in requests)
    launch = sum(r[1].startswith("/fetch/") or "LMS.LaunchData" in r[1] or "/agents/profile" in r[1] for r in requests)
    state = sum("/activities/state" in r[1] and "LMS.LaunchData" not in r[1] for r in requests)
    row("cmi5 run-through: launch (fetch, LaunchData, preferences) / statement POSTs / bookmark",
        f"{launch} / {posts} / {state}")
    row("cmi5 run-through: statements stored (with launched) / rules broken", f"{stored} / {broken}")
