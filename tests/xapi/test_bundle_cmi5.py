"""A cmi5 bundle (every language in one AU) launched by the cmi5 test LMS in front of Ralph: the
learner's cmi5 languagePreference opens, a switch is reported in `context.language`, one AU."""

from __future__ import annotations

import shutil

import pytest

from tests.support.bundles import bundles  # noqa: F401  (fixture)
from tests.support.xapi_session import MAX, Session, verb
from tests.xapi.test_cmi5 import cmi5_rules_kept, leave, lms, lrs  # noqa: F401  (fixtures)

BASE = "https://example.org/q-ser/units/becoming-a-mentor"


@pytest.fixture(scope="module")
def site(bundles, serve, tmp_path_factory):  # noqa: F811
    root = tmp_path_factory.mktemp("cmi5-bundle-site")
    shutil.copytree(bundles["cmi5"], root / "all")
    return serve(root)


def test_the_learners_language_preference_opens_and_a_switch_is_reported(browser, site, lms, lrs, seed_unit):  # noqa: F811
    # the browser says English (the test context's default); the LMS's learner preference wins
    url, launch = lms.launch(f"{site}/all", MAX, BASE, language="fr-FR,de-AT,en-US")
    session = Session(browser, url, seed_unit, "de")
    page = session.page
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.locator("section.page:not([hidden]) h1").inner_text() == "Ein Q-SER-Mentor werden"
    page.get_by_role("button", name="English", exact=True).click()
    page.locator("#next").click()
    session.settled()
    statements = leave(session, lrs, MAX, launch.registration)
    seen = [(s["object"]["id"].rsplit("/", 1)[1], s["context"]["language"]) for s in statements
            if verb(s) == "experienced"]
    assert seen == [("welcome", "de-DE"), ("why-mentoring", "en-US")]
    # one AU for every language: the publisher id in every statement's grouping is the unit's own
    for s in statements[1:]:
        assert s["context"]["contextActivities"]["grouping"][0] == {"id": BASE, "objectType": "Activity"}
