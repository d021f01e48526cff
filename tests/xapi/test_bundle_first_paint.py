"""A cmi5 bundle waits for the LMS's word on the language before it paints: the learner's
languagePreference arrives over the network, after the launch's fetch and LaunchData, and no other
language shows meanwhile (the SCORM and preview cases are in tests/runtime/test_first_paint.py)."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from tests.support.bundles import bundles  # noqa: F401  (fixture)
from tests.support.painted import slowly, watch
from tests.support.xapi_session import MAX
from tests.xapi.test_cmi5 import cmi5_rules_kept, leave, lms, lrs  # noqa: F401  (fixtures)

BASE = "https://example.org/q-ser/units/becoming-a-mentor"


@pytest.fixture(scope="module")
def site(bundles, serve, tmp_path_factory):  # noqa: F811
    root = tmp_path_factory.mktemp("cmi5-first-paint")
    shutil.copytree(bundles["cmi5"], root / "all")
    return serve(root)


def test_a_cmi5_bundle_paints_only_the_language_of_the_learners_preference(browser, site, lms, lrs):  # noqa: F811
    url, launch = lms.launch(f"{site}/all", MAX, BASE, language="de-AT,en-US")
    context = browser.new_context(locale="en-US", viewport={"width": 375, "height": 812})  # the browser says English
    watch(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    slowly(page)
    page.goto(url)
    page.locator("html[data-ready=true]").wait_for(state="attached", timeout=15_000)
    seen = page.evaluate("window.__seen")
    assert seen and set(seen) == {"de: Ein Q-SER-Mentor werden"}, seen[:3]
    assert errors == []
    leave(SimpleNamespace(page=page, context=context), lrs, MAX, launch.registration)
