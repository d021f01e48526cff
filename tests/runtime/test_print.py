"""The html package printed from a browser (Chromium's page.pdf, as "Print" in its menu): every
page of the unit in order, figures with their text versions, blank questions; no buttons,
feedback, result or answer of the learner, even after a learner answered everything."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from builder import TOOL_ROOT
from builder.load.catalogs import catalog
from tests.support.learner import Learner
from tests.support.pdfs import draw, in_order, squash, unit_headings

SHOTS = TOOL_ROOT / "test-artifacts" / "print"
SECRET = "My own reflection, for no one else to read"


def printed(page, path):
    path.write_bytes(page.pdf(format="A4"))
    return path


def figure_texts(unit, lang) -> list[str]:
    return [image.text.read_text("utf-8") for p in unit.pages for image in p.images[lang] if image.text]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_printing_the_html_package_prints_the_whole_unit_blank(browser, serve, unpacked, seed_unit, lang, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    url = serve(unpacked[(lang, "html")]) + "/index.html"
    page.goto(url)
    learner = Learner(page, seed_unit, lang)
    learner.wait_ready()
    fresh = printed(page, tmp_path / "fresh.pdf")

    pages = [p.extract_text() for p in PdfReader(fresh).pages]
    text = "\n".join(pages)
    assert in_order([h for _, h in unit_headings(seed_unit, lang)], text) == []
    assert in_order([q.prompt[lang] for q in seed_unit.questions.values()], text) == []
    for version in figure_texts(seed_unit, lang):  # the text versions are printed open
        lines = [line.lstrip("0123456789.-* ").strip("*") for line in version.splitlines() if line.strip()]
        assert in_order(lines, text) == [], version
    ui = catalog(lang)
    lines = {line.strip() for line in text.splitlines()}
    for word in (ui["next"], ui["back"], ui["submit"], ui["save_answer"], ui["result_title"], ui["choose"],
                 ui["number_hint"]):  # a button, the result page, a field's own text
        assert word not in lines, word
    assert 6 <= len(pages) <= 16

    # a learner who gets things wrong first, then answers everything, then comes back
    for p in seed_unit.pages:
        for qid in p.questions:
            q = seed_unit.questions[qid]
            if q.scored:
                learner.answer_questions([qid], right=False)
                learner.answer_questions([qid], right=True)
            else:
                learner.answer(q, SECRET)
        learner.next()
    page.goto(url)
    learner.wait_ready()
    answered = printed(page, tmp_path / "answered.pdf")
    assert [p.extract_text() for p in PdfReader(answered).pages] == pages
    assert squash(SECRET) not in squash("\n".join(pages))
    for n in range(1, len(pages) + 1):  # nothing marks a choice, a position or a word of the learner's
        a = draw(fresh, n, tmp_path / f"fresh-{n}.png", dpi=50)
        b = draw(answered, n, tmp_path / f"answered-{n}.png", dpi=50)
        with Image.open(a) as one, Image.open(b) as other:
            assert ImageChops.difference(one.convert("RGB"), other.convert("RGB")).getbbox() is None, f"page {n}"
    first_prompt = squash(next(iter(seed_unit.questions.values())).prompt[lang])
    question_page = next(n for n, t in enumerate(pages, start=1) if first_prompt in squash(t))
    for n in (1, question_page):
        draw(answered, n, SHOTS / f"html-{lang}-p{n}.png", dpi=70)
    context.close()
