"""A learner who goes through a unit in the player, the way a person would: by clicking and typing."""

from __future__ import annotations

from builder.model import Question, Unit

LONG_REFLECTION = (
    "Listening comes first. A mentor who listens, understands and then proposes practical and "
    "realistic solutions earns trust; without trust and respect the mentee will not share the "
    "obstacles they face. I would add patience, because change in an organisation takes time, "
    "and the courage to say honestly when something does not work."
)


def right_response(q: Question, lang: str):
    """The response that is right, in the runtime's language-neutral form."""
    if q.type == "true-false":
        return q.correct
    if q.type in ("single-choice", "multiple-choice"):
        return [c.id for c in q.choices if c.correct]
    if q.type == "matching":
        return {s.id: s.match for s in q.choices}
    if q.type == "sequencing":
        return [c.id for c in q.choices]
    if q.type == "fill-in":
        return q.answers[lang][0]
    if q.type == "numeric":
        return q.correct
    if q.type == "likert":
        return q.choices[0].id
    return f"{q.id}: {LONG_REFLECTION}"


def wrong_response(q: Question, lang: str):
    """A plausible wrong response (unscored questions get their usual answer)."""
    if q.type == "true-false":
        return not q.correct
    if q.type in ("single-choice", "multiple-choice"):
        return [next(c.id for c in q.choices if not c.correct)]
    if q.type == "matching":
        targets = [t.id for t in q.targets]
        return {s.id: targets[(targets.index(s.match) + 1) % len(targets)] for s in q.choices}
    if q.type == "sequencing":
        return [c.id for c in reversed(q.choices)]
    if q.type == "fill-in":
        return "no idea"
    if q.type == "numeric":
        return q.correct + 100
    return right_response(q, lang)


class Learner:
    """Drives the player in `frame` (a playwright Page or Frame)."""

    def __init__(self, frame, unit: Unit, lang: str):
        self.frame, self.unit, self.lang = frame, unit, lang

    def wait_ready(self) -> None:
        self.frame.locator("html[data-ready=true]").wait_for(state="attached")

    def current_page(self) -> str:
        return self.frame.locator("section.page:not([hidden])").get_attribute("data-page")

    def next_step(self) -> None:
        """One press of Next: the next question of a page that shows one at a time, or the next page."""
        self.frame.locator("#next").click()

    def next(self) -> None:
        """On to the next page, through the questions of this one (Next until the page changes)."""
        here = self.current_page()
        while self.current_page() == here:
            self.next_step()

    def show(self, qid: str) -> None:
        """Next or Back until the question is on the screen, as a learner would page to it."""
        form = self.frame.locator(f"#q-{qid}")
        for _ in range(60):
            if form.is_visible():
                return
            ahead = form.evaluate("""f => {
                const here = document.querySelector("section.page:not([hidden]) form.question:not([hidden])")
                          || document.querySelector("section.page:not([hidden]) h1");
                return !!(here.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
            }""")
            self.frame.locator("#next" if ahead else "#back").click()
        raise AssertionError(f"question {qid} never came on the screen")

    def answer(self, q: Question, response) -> str:
        """Page to the question, fill in `response`, submit, and return the feedback the learner sees."""
        self.show(q.id)
        form = self.frame.locator(f"#q-{q.id}")
        if q.type == "true-false":
            form.locator(f"input[value={'true' if response else 'false'}]").check()
        elif q.type in ("single-choice", "multiple-choice", "likert"):
            wanted = [response] if isinstance(response, str) else response
            for box in form.locator("input").all():  # exactly these: a second try unticks the first's
                if box.get_attribute("value") in wanted:
                    box.check()
                elif box.get_attribute("type") == "checkbox":
                    box.uncheck()
        elif q.type == "matching":
            for source, target in response.items():
                form.locator(f"select[name='{source}']").select_option(target)
        elif q.type == "sequencing":
            for position, item in enumerate(response, start=1):
                form.locator(f"select[name='{item}']").select_option(str(position))
        else:
            form.locator("input, textarea").fill(str(response))
        form.locator("button[type=submit]").click()
        feedback = form.locator(".feedback")
        feedback.wait_for()
        return feedback.inner_text()

    def answer_questions(self, qids, right: bool = True) -> None:
        for qid in qids:
            q = self.unit.questions[qid]
            self.answer(q, right_response(q, self.lang) if right else wrong_response(q, self.lang))

    def run_through(self, right: bool = True, stop_after_page: str | None = None, on_page=None,
                    free_text: str | None = None) -> dict:
        """Read every page, answer every question; returns {question id: (response, feedback)}.

        `free_text` replaces the usual answer to free-text questions (for long answers)."""
        seen = {}
        for page in self.unit.pages:
            assert self.current_page() == page.id
            if on_page:
                on_page(page.id)
            for qid in page.questions:
                q = self.unit.questions[qid]
                response = right_response(q, self.lang) if right else wrong_response(q, self.lang)
                if free_text is not None and q.type == "free-text":
                    response = free_text
                seen[qid] = (response, self.answer(q, response))
            if stop_after_page == page.id:
                return seen
            self.next()
        return seen

    def result_text(self) -> str:
        result = self.frame.locator("#result")
        result.wait_for()
        return result.inner_text()
