"""SCORM 1.2 packages in the Moodle app (the app's own player, tests/support/moodle_app.py; its
model's tests: test_app_model.py), as learners play them offline: download, go offline, play,
come back online, synchronise. What Moodle holds afterwards, what the learner is told, and
what the package keeps in the device's storage."""

from __future__ import annotations

import pytest

from tests.support.learner import Learner
from tests.support.moodle_app import MoodleApp
from tests.support.player import ui
from tests.support.scorm_session import expected_interactions, recorded, until

JOURNAL = "qser-scorm12-journal"


@pytest.fixture
def moodle_app(browser, unpacked, seed_unit):
    """The site with the seed unit's SCORM 1.2 package in `lang`, and a device (browser context) per learner."""
    made = []

    def make(lang):
        app = MoodleApp(unpacked[(lang, "scorm12")], seed_unit.mastery_score)
        device = browser.new_context(viewport={"width": 390, "height": 844})
        made.append((app, device))
        return app, device

    yield make
    for app, device in made:
        device.close()
        app.close()


class AppSession:
    """The learner opens the activity in the app (optionally asking for a new attempt) and plays."""

    def __init__(self, app, device, unit, lang, page=None, **options):
        self.app, self.page = app, page or app.open(device)
        self.launched = self.page.evaluate("o => app.play(o)", options)
        self.frame = self.page.frame_locator("#scorm_object")
        self.learner = Learner(self.frame, unit, lang)
        self.learner.wait_ready()
        self.notice = self.frame.locator("#notice")

    def local(self) -> dict:
        """The app's database on the device: attempt -> element -> JSON text."""
        return {int(n): {k: row["value"] for k, row in t.items()} for n, t in self.page.evaluate("app.local()").items()}

    def journals(self) -> list[str]:
        return self.page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{JOURNAL}'))")

    def leave(self) -> None:
        """The back button: the app empties the SCO's frame; the package finishes on pagehide."""
        finishes = self.page.evaluate("appLog.calls.filter(c => c[0] === 'LMSFinish').length")
        self.page.evaluate("app.leave()")
        self.page.wait_for_function(f"appLog.calls.filter(c => c[0] === 'LMSFinish').length > {finishes}")

    def sync(self) -> dict:
        return self.page.evaluate("app.sync()")


def played_offline(app, device, unit, lang, right=True) -> AppSession:
    """Download online, go offline, play the unit through, leave: all while offline."""
    page = app.open(device)
    page.evaluate("app.download()")
    device.set_offline(True)
    session = AppSession(app, device, unit, lang, page)
    assert session.launched == {"attempt": 1, "mode": "normal", "offline": True}
    return session


@pytest.mark.parametrize("lang, right", [("en", True), ("de", False)], ids=["en-all-right", "de-all-wrong"])
def test_offline_play_then_sync_stores_every_answer_status_and_score(moodle_app, seed_unit, lang, right):
    app, device = moodle_app(lang)
    session = played_offline(app, device, seed_unit, lang, right)
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    session.learner.run_through(right=right, stop_after_page="knowledge-check")
    # Committed as the learner goes: the app holds every answer so far, before the learner leaves.
    stored = session.local()[1]
    assert [stored.get(f"cmi.interactions_{n}.id") for n in range(len(kc.questions))] == [f'"{q}"' for q in kc.questions]
    # The learner is told what is true: saved on this device, sent when online.
    assert session.notice.inner_text() == ui(lang)["saved_on_device"]
    session.learner.next()
    session.learner.answer_questions(seed_unit.pages[-1].questions, right=right)
    session.learner.next()
    session.leave()
    assert app.attempts == {}  # nothing reached Moodle yet
    assert session.journals() == []  # the app keeps the answers: the package keeps no copy

    device.set_offline(False)
    assert session.sync() == {"synced": [1], "refused": None}
    tracks = app.tracks_of(1)
    assert recorded(app) == expected_interactions(seed_unit, lang, right)
    assert tracks["cmi.core.lesson_status"] == ("passed" if right else "failed")
    # Zero becomes empty in the app's sync (`value || ''`): a failed attempt's score 0 arrives as "",
    # and so does every weighting 0 (the unscored reflections); Moodle still grades it 0.
    assert tracks["cmi.core.score.raw"] == ("100" if right else "")
    assert [row["weighting"] for row in app.interactions(1)] == ["1"] * 7 + [""] * 2
    assert tracks.get("cmi.core.exit", "") == ""
    assert session.local() == {}


def test_a_new_attempt_after_a_finished_offline_one_starts_empty_and_records_only_its_own(moodle_app, seed_unit):
    """The issue's case: played and finished offline, synchronised, then "Start a new attempt"."""
    app, device = moodle_app("en")
    first = played_offline(app, device, seed_unit, "en")
    first.learner.run_through(right=True)
    first.leave()
    device.set_offline(False)
    first.sync()
    finished = dict(app.tracks_of(1))

    second = AppSession(app, device, seed_unit, "en", newAttempt=True)
    assert second.launched == {"attempt": 2, "mode": "normal", "offline": False}
    assert second.learner.current_page() == seed_unit.pages[0].id  # not the last attempt's result page
    assert second.frame.locator(".feedback:not(:empty)").count() == 0
    while second.learner.current_page() != "knowledge-check":
        second.learner.next()
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    second.learner.answer_questions(kc.questions[:2], right=False)
    second.leave()
    assert [(i["id"], i["result"]) for i in app.interactions(2)] == [(q, "wrong") for q in kc.questions[:2]]
    assert app.tracks_of(2)["cmi.core.lesson_status"] == "incomplete"
    assert "cmi.core.score.raw" not in app.tracks_of(2)
    assert app.tracks_of(1) == finished


def test_a_new_attempt_made_offline_keeps_its_own_answers_apart_after_the_sync(moodle_app, seed_unit):
    app, device = moodle_app("en")
    first = played_offline(app, device, seed_unit, "en")
    first.learner.run_through(right=True)
    first.leave()
    second = AppSession(app, device, seed_unit, "en", page=first.page, newAttempt=True)  # still offline
    assert second.launched == {"attempt": 2, "mode": "normal", "offline": True}
    assert second.learner.current_page() == seed_unit.pages[0].id
    second.learner.run_through(right=False, stop_after_page="summary")
    second.leave()
    device.set_offline(False)
    assert second.sync() == {"synced": [1, 2], "refused": None}
    assert recorded(app) == []  # attempt 2: pages read, nothing answered yet
    assert app.tracks_of(2)["cmi.core.lesson_status"] == "incomplete"
    assert app.tracks_of(1)["cmi.core.lesson_status"] == "passed" and len(app.interactions(1)) == 9


def test_online_in_the_app_commits_go_to_moodle_and_a_lost_connection_is_only_saved_on_the_device(moodle_app, seed_unit):
    """Opened online: the app sends each commit; when a send fails it keeps everything on the
    device from then on, and the learner reads that, never that answers were not saved."""
    app, device = moodle_app("de")
    session = AppSession(app, device, seed_unit, "de")
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    while session.learner.current_page() != kc.id:
        session.learner.next()
    session.learner.answer_questions(kc.questions[:2])
    until(lambda: len(app.interactions(1)) == 2, session.page)
    assert session.notice.is_hidden()
    device.set_offline(True)
    session.learner.answer_questions(kc.questions[2:4])
    assert session.notice.inner_text() == ui("de")["saved_on_device"]
    assert len(app.interactions(1)) == 2 and '"' + kc.questions[3] + '"' in session.local()[1].values()
    session.leave()
    device.set_offline(False)
    session.sync()
    assert [i["id"] for i in app.interactions(1)] == list(kc.questions[:4])
