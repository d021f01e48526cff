"""First paint: every package paints its first screen from index.html alone (style and scripts are
inside it), and a bundle never shows a language it then takes back.

The request log is Chromium's, seen by playwright; every other request is held unanswered, as on
a network that never delivers. What a learner saw is sampled before every frame Chromium renders,
while index.html arrives slowly enough to be painted bit by bit.
Timings on a phone are benchmarks/paint.py, not tests.
"""

from __future__ import annotations

import zipfile

import pytest

from builder.build import build
from builder.render.runtime import inline
from tests.conftest import PACKAGES, SEED, UNITS
from tests.support.bundles import bundles  # noqa: F401  (fixture)
from tests.support.lms import ScormLMS
from tests.support.painted import slowly, watch
from tests.support.scorm_session import Session

WELCOME = {"en": "Becoming a Q-SER mentor", "de": "Ein Q-SER-Mentor werden"}
FIRST_PAINT = "performance.getEntriesByName('first-contentful-paint').length > 0"


@pytest.fixture(scope="module")
def sites(tmp_path_factory, serve):
    """Every target of the seed unit, English, German and the en+de bundle, each unzipped on a
    web server of its own: (lang, target) -> URL of its index.html."""
    out = tmp_path_factory.mktemp("first-paint")
    urls = {}
    for b in build(UNITS, out / "dist", [SEED], ["en", "de"], PACKAGES, languages="both"):
        folder = out / f"{b.lang}-{b.target}"
        with zipfile.ZipFile(b.path) as zf:
            zf.extractall(folder)
        urls[(b.lang, b.target)] = f"{serve(folder)}/index.html"
    return urls


CASES = [(lang, target, opened) for target in sorted(PACKAGES)
         for lang, opened in (("en", "en"), ("de", "de"), ("en+de", "en"), ("en+de", "de"))]


@pytest.mark.parametrize("lang, target, opened", CASES, ids=[f"{t}-{l}-in-{o}" for l, t, o in CASES])
def test_the_first_screen_paints_from_index_html_alone(browser, sites, lang, target, opened):
    context = browser.new_context(locale={"en": "en-US", "de": "de-DE"}[opened])
    page = context.new_page()
    requests, held = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.route(lambda url: not url.endswith("/index.html"), lambda route: held.append(route))  # never answered
    url = sites[(lang, target)]
    page.goto(url, wait_until="commit")
    page.wait_for_function(FIRST_PAINT, timeout=10_000)
    assert requests == [url]  # painted: nothing asked for but index.html
    assert page.locator("section.page:not([hidden]) h1").inner_text() == WELCOME[opened]
    page.locator("html[data-ready=true]").wait_for(state="attached", timeout=10_000)
    assert requests == [url] and held == []  # and the player started on it alone
    context.close()


def watched(browser, framed: str | None = None):
    """A phone-sized page in English that keeps what it showed (window.__seen) and gets the package
    slowly; `framed`: the package's path, framed by an LMS page."""
    context = browser.new_context(locale="en-US", viewport={"width": 375, "height": 812})
    watch(context, framed)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.js_errors = []
    page.on("pageerror", lambda e: page.js_errors.append(str(e)))
    if not framed:
        slowly(page)
    return page


@pytest.mark.parametrize("told_by", ["preference", "bookmark"])
def test_a_bundle_in_an_lms_paints_only_the_language_the_lms_says(browser, bundles, seed_unit, told_by):  # noqa: F811
    # the browser says English, the document's language; the LMS says German, by the learner's
    # preference or by the bookmark of an earlier session (on another device: nothing in this browser)
    lms = ScormLMS(bundles["scorm12"], seed_unit.mastery_score, language="de" if told_by == "preference" else "")
    try:
        if told_by == "bookmark":
            first = Session(browser, lms, seed_unit, "en")
            first.frame.get_by_role("button", name="Deutsch", exact=True).click()
            first.leave()
        page = watched(browser, "/sco/index.html")
        page.goto(lms.url)
        frame = page.frame_locator("#sco")
        frame.locator("html[data-ready=true]").wait_for(state="attached")
        seen = frame.locator("html").evaluate("() => window.__seen")
        assert seen and set(seen) == {f"de: {WELCOME['de']}"}, seen[:3]
        assert page.js_errors == []
        page.context.close()
    finally:
        lms.close()


def test_a_bundle_opens_again_in_the_language_last_shown_without_a_flash(browser, bundles, serve):  # noqa: F811
    page = watched(browser)
    page.goto(f"{serve(bundles['html'])}/index.html")
    page.locator("html[data-ready=true]").wait_for(state="attached")
    assert page.evaluate("window.__seen")[-1] == f"en: {WELCOME['en']}"  # the browser's language
    page.get_by_role("button", name="Deutsch", exact=True).click()
    page.reload()  # the same browser: the guess is German; the bookmark agrees
    page.locator("html[data-ready=true]").wait_for(state="attached")
    seen = page.evaluate("window.__seen")
    assert seen and set(seen) == {f"de: {WELCOME['de']}"}, seen[:3]
    assert page.js_errors == []
    page.context.close()


def test_a_closing_tag_inside_an_inlined_script_or_style_ends_nothing(page):
    script = b'window.said = "</script><script>window.pwned = 1</script>"; window.found = /<\\/b>|<\\/script>/.test("</b>");'
    style = b'.x::after { content: "</style><script>window.pwned = 2</script>"; }'
    page.set_content(f'<style>{inline(style, "a.css")}</style><p class="x"></p>'
                     f'<script>{inline(script, "a.js")}</script>')
    assert page.evaluate("[window.said, window.found, window.pwned]") == [
        "</script><script>window.pwned = 1</script>", True, None]
    after = page.evaluate("getComputedStyle(document.querySelector('.x'), '::after').content")
    assert after == '"</style><script>window.pwned = 2</script>"'
    with pytest.raises(ValueError, match=r"^b\.js: '<!--' cannot be written into index\.html"):
        inline(b'var s = "<!--";', "b.js")
