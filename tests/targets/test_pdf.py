"""The pdf target read back as a trainer and a learner would read the paper: text page by page,
bookmarks, pages drawn as PNG. What should be in it is read from the unit at test time, never
copied from the seed unit's wording (which is being edited).

Page counts of the seed unit (docs/authoring.md, "Printed handouts"): its handout is 8 to 12 pages,
the trainer's edition 11 to 18.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pyphen
from hypothesis import HealthCheck, given, settings
from PIL import Image
from pypdf import PdfReader

from builder import TOOL_ROOT
from builder.build import build
from builder.load.catalogs import catalog
from builder.load.loader import load_unit
from builder.questiontypes import get
from builder.render.paper import explanation
from tests.conftest import SEED, UNITS
from tests.support.fuzz import plausible_units
from tests.support.pdfs import draw, in_order, outline, pages_text, squash, unit_headings
from tests.support.tiny import TINY, edit, qser, unit  # noqa: F401  (unit: a fixture)

LANGS = ["en", "de"]
EDITIONS = ["handout", "trainer"]
HANDOUT_PAGES = range(8, 13)
TRAINER_PAGES = range(11, 19)
SHOTS = TOOL_ROOT / "test-artifacts" / "pdf"


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory):
    """The seed unit's four documents, built once: (lang, edition) -> path."""
    out = tmp_path_factory.mktemp("pdf")
    build(UNITS, out, [SEED], targets=["pdf"])
    found = {(lang, edition): out / f"{SEED}-{lang}-1.1.0-{edition}.pdf" for lang in LANGS for edition in EDITIONS}
    found = {key: path for key, path in found.items() if path.exists()}
    assert len(found) == 4, sorted(p.name for p in out.iterdir())
    return found


@pytest.fixture(scope="module")
def seed(seed_unit):
    """The seed unit as loaded now (its wording may change: tests read it, never copy it)."""
    return seed_unit


def text_of(path) -> str:
    return "\n".join(pages_text(path))


def footer_lines(unit, lang) -> tuple[str, re.Pattern]:
    text = catalog(lang)["print"]
    unit_line = text["footer_unit"].replace("{unit}", unit.title[lang]).replace("{version}", unit.version)
    page = re.escape(text["footer_page"]).replace(r"\{n\}", r"(\d+)").replace(r"\{total\}", r"(\d+)")
    return unit_line, re.compile(page)


# ---- what is in it

@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_heading_of_the_unit_is_there_in_order(seed_pdfs, seed, lang, edition):
    """As bookmarks (level and text) and as text, in the unit's order; the trainer's edition has
    its session plan first."""
    headings = unit_headings(seed, lang)
    marks = outline(seed_pdfs[(lang, edition)])
    plan = [(1, catalog(lang)["print"]["plan"])] if edition == "trainer" else []
    assert marks == plan + headings
    assert in_order([h for _, h in headings], text_of(seed_pdfs[(lang, edition)])) == []


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_question_is_whole_on_one_page(seed_pdfs, seed, lang, edition):
    """Number, prompt and every option on the same page, in the unit's order."""
    pages = pages_text(seed_pdfs[(lang, edition)])
    label = catalog(lang)["question_number"]
    for n, q in enumerate(seed.questions.values(), start=1):
        number = label.replace("{n}", str(n)).upper()
        on = [i for i, text in enumerate(pages) if number in text]
        assert len(on) == 1, (q.id, number, on)
        parts = [q.prompt[lang]] + [o.text[lang] for o in (*q.choices, *q.targets)]
        missing = [p for p in parts if squash(p) not in squash(pages[on[0]])]
        assert missing == [], (q.id, f"page {on[0] + 1}", missing)


def question_texts(path, unit, lang) -> dict[str, str]:
    """Each question's printed text (squashed): from its number to the next question or the page's end."""
    pages = pages_text(path)
    label = catalog(lang)["question_number"]
    found = {}
    for n, q in enumerate(unit.questions.values(), start=1):
        number = label.replace("{n}", str(n)).upper()
        page = next(p for p in pages if number in p)
        text = page[page.index(number):]
        following = label.replace("{n}", str(n + 1)).upper()
        found[q.id] = squash(text.split(following)[0])
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_answer_key_is_in_the_trainers_edition_only(seed_pdfs, seed, lang):
    """Per scored question, under it on its page: the right answer, the explanation and how it is
    scored; the handout's questions have none of it."""
    handout = question_texts(seed_pdfs[(lang, "handout")], seed, lang)
    trainer = question_texts(seed_pdfs[(lang, "trainer")], seed, lang)
    text, labels = catalog(lang)["print"], catalog(lang)
    scored = squash(text["scored"].split("{")[0])
    for q in seed.questions.values():
        why = explanation(q, lang)
        key = get(q.type).answer_key(q, lang, labels)
        if q.scored:
            assert key and why, q.id
            tries = text["tries"]["one" if (q.attempts or seed.attempts) == 1 else "other"]
            counts = text["scored"].split("{which}")[1].split("{")[0]  # "counts;": which try counts, said per question
            assert in_order([q.prompt[lang], text["answer"], *key, text["explanation"], why, scored,
                             tries.replace("{n}", str(q.attempts or seed.attempts)), text[seed.scoring], counts],
                            trainer[q.id]) == [], q.id
            assert squash(why) not in handout[q.id] and scored not in handout[q.id], q.id
        else:
            assert in_order([q.prompt[lang], text["not_scored"]], trainer[q.id]) == [], q.id
            assert squash(text["not_scored"]) not in handout[q.id]
        assert squash(text["explanation"]) + ":" not in handout[q.id] and "→" not in handout[q.id]
    rule = squash(text["scoring"].split("{")[0])
    assert rule in squash(text_of(seed_pdfs[(lang, "trainer")])) and rule not in squash(text_of(seed_pdfs[(lang, "handout")]))


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_title_page_then_a_footer_with_unit_version_and_page(seed_pdfs, seed, lang, edition):
    pages = pages_text(seed_pdfs[(lang, edition)])
    text = catalog(lang)["print"]
    first = squash(pages[0]).casefold()  # the edition's name is set in capitals
    for expected in (text[edition], seed.title[lang], seed.description[lang], seed.author, seed.format[lang],
                     text["minutes"].replace("{n}", str(seed.duration_minutes)), seed.version,
                     *(o[lang] for o in seed.objectives)):
        assert squash(expected).casefold() in first, expected
    assert "Erasmus+" in pages[0]  # the seed unit's line, carried by its description
    unit_line, page_line = footer_lines(seed, lang)
    assert not page_line.search(pages[0]) and squash(unit_line) not in first
    for n, page in enumerate(pages[1:], start=2):
        assert squash(unit_line) in squash(page)
        assert [tuple(map(int, m)) for m in page_line.findall(page)] == [(n, len(pages))]


@pytest.mark.parametrize("lang", LANGS)
def test_the_session_plan_is_one_page_of_the_units_data(seed_pdfs, seed, lang):
    pages = pages_text(seed_pdfs[(lang, "trainer")])
    text = catalog(lang)["print"]
    plan = pages[1]
    assert plan.lstrip().startswith(text["plan"])
    discussed = [q.prompt[lang] for q in seed.questions.values() if not q.scored]
    assert discussed
    assert in_order([text["plan"], *(o[lang] for o in seed.objectives), *(p.title[lang] for p in seed.pages),
                     text["discussion"], *discussed], plan) == []
    minutes = [tuple(map(int, m)) for m in re.findall(r"^(\d+)–(\d+)\b", plan, re.M)]
    assert len(minutes) == len(seed.pages)
    assert minutes[0][0] == 0 and minutes[-1][1] == seed.duration_minutes
    assert all(a[1] == b[0] for a, b in zip(minutes, minutes[1:]))
    assert all(end > start for start, end in minutes)  # every part gets a minute at least
    assert squash(seed.pages[0].title[lang]) in squash(pages[2].split("\n", 1)[0])  # the unit starts on the next page


def test_page_counts_are_in_the_stated_ranges(seed_pdfs):
    for lang in LANGS:
        assert len(PdfReader(seed_pdfs[(lang, "handout")]).pages) in HANDOUT_PAGES
        assert len(PdfReader(seed_pdfs[(lang, "trainer")]).pages) in TRAINER_PAGES


# ---- how it is typeset

@pytest.mark.parametrize("lang", LANGS)
def test_hyphenation_follows_the_documents_language(seed_pdfs, lang):
    """Words are broken at line ends (WeasyPrint's sign is U+2010), only where the language's
    dictionary allows, and the PDF says its language."""
    reader = PdfReader(seed_pdfs[(lang, "handout")])
    assert reader.trailer["/Root"]["/Lang"] == lang
    text = "\n".join(page.extract_text() for page in reader.pages)
    breaks = re.findall(r"(\w+)\u2010\n(\w+)", text)
    assert len(breaks) >= 3, "no word was hyphenated"
    dictionary = pyphen.Pyphen(lang=lang)
    wrong = [f"{a}-{b}" for a, b in breaks if len(a) not in dictionary.positions(a + b)]
    assert wrong == []


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_heading_ends_a_page(seed_pdfs, seed, lang, edition):
    pages = pages_text(seed_pdfs[(lang, edition)])
    unit_line, page_line = footer_lines(seed, lang)
    headings = {squash(h) for _, h in unit_headings(seed, lang)}
    for n, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip() and squash(unit_line) not in squash(line)
                 and not page_line.search(line)]
        assert lines and squash(lines[-1]) not in headings, f"page {n} ends with the heading {lines[-1]!r}"


def test_no_heading_ends_a_page_of_a_long_page(unit):
    """Forty sections of uneven length on one page: without the rule that keeps a heading with
    what follows it, some of their headings end a sheet (seen: 2 of 8 pages)."""
    sections = [f"## Section {k}\n\n" + " ".join(f"Paragraph {k} line {i}" + " mentoring" * 5
                                                   for i in range((k * 7) % 11 + 1)) for k in range(1, 41)]
    edit(unit / "en.md", "Some text.", "\n\n".join(sections))
    assert qser("build", "--target", "pdf", "--lang", "en").exit_code == 0
    pages = pages_text(unit.parent.parent / "dist" / "tiny-en-0.1.0-handout.pdf")
    ends = []
    for page in pages[1:]:
        lines = [line for line in page.splitlines() if line.strip() and "version 0.1.0" not in line
                 and not re.search(r"Page \d+ of \d+", line)]
        ends.append(lines[-1])
    assert len(pages) > 5 and not [end for end in ends if re.fullmatch(r"Section \d+", end.strip())], ends


def test_the_fonts_are_the_debian_ones_and_embedded(seed_pdfs):
    fonts = set()
    for page in PdfReader(seed_pdfs[("de", "trainer")]).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            fonts.add(re.sub(r"^/[A-Z]{6}\+", "", str(font["/BaseFont"])))  # a subset's tag
    assert fonts and all(f.startswith(("Liberation-Sans", "DejaVu-Sans")) for f in fonts), fonts


def test_building_twice_gives_byte_identical_pdfs_whatever_the_machine_says(seed_pdfs, tmp_path):
    """Another process, another time zone, locale, hash seed and working directory."""
    env = dict(os.environ, TZ="Pacific/Kiritimati", LC_ALL="C", LANG="C", PYTHONHASHSEED="12345")
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "builder", "build", SEED, "--units", str(UNITS), "--out", str(out),
                    "--target", "pdf"], cwd=cwd, env=env, check=True, capture_output=True)
    for (lang, edition), first in seed_pdfs.items():
        assert (out / first.name).read_bytes() == first.read_bytes(), first.name
    assert b"/CreationDate" not in first.read_bytes() and b"/ModDate" not in first.read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_page_one_and_a_question_page_as_pictures(seed_pdfs, seed, lang):
    """Drawn into test-artifacts/pdf/ to be looked at; here: they are drawn and not blank."""
    pages = pages_text(seed_pdfs[(lang, "trainer")])
    question_page = next(i for i, t in enumerate(pages, start=1) if seed.questions and
                         squash(next(iter(seed.questions.values())).prompt[lang]) in squash(t))
    for edition, page in (("handout", 1), ("trainer", question_page)):
        png = draw(seed_pdfs[(lang, edition)], page, SHOTS / f"{SEED}-{lang}-{edition}-p{page}.png")
        with Image.open(png) as im:
            assert im.size[0] > 500 and im.convert("L").getextrema()[0] < 100, png  # ink on the page


# ---- the build

def test_a_bundle_build_makes_each_languages_pair_once(tmp_path):
    units = tmp_path / "units"
    shutil.copytree(TINY, units / "tiny")
    bundle = build(units, tmp_path / "bundle", targets=["html", "pdf"], languages="bundle")
    assert sorted(p.name for p in (tmp_path / "bundle").iterdir()) == [
        "tiny-de-0.1.0-handout.pdf", "tiny-de-0.1.0-trainer.pdf", "tiny-en+de-0.1.0-html.zip",
        "tiny-en-0.1.0-handout.pdf", "tiny-en-0.1.0-trainer.pdf"]
    assert [(b.lang, b.target) for b in bundle] == [("en+de", "html"), ("en", "pdf"), ("de", "pdf")]
    build(units, tmp_path / "both", targets=["pdf"], languages="both")
    assert sorted(p.name for p in (tmp_path / "both").iterdir()) == [
        "tiny-de-0.1.0-handout.pdf", "tiny-de-0.1.0-trainer.pdf", "tiny-en-0.1.0-handout.pdf",
        "tiny-en-0.1.0-trainer.pdf"]
    assert (tmp_path / "both" / "tiny-de-0.1.0-handout.pdf").read_bytes() == \
        (tmp_path / "bundle" / "tiny-de-0.1.0-handout.pdf").read_bytes()


def test_build_says_both_documents(unit):
    result = qser("build", "--target", "pdf", "--lang", "de")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("wrote dist/tiny-de-0.1.0-handout.pdf  (") and lines[0].endswith(" KiB)")
    assert lines[1].startswith("wrote dist/tiny-de-0.1.0-trainer.pdf  (")
    assert lines[2].startswith("built 1 package from 1 unit in ")


def wide_png(path: Path) -> None:
    Image.new("RGB", (3000, 300), "#cccccc").save(path)


def test_a_figure_paper_cannot_carry_is_explained_and_still_printed(unit):
    """Too wide to read at A4 width and no text version: `check` says so and still accepts the
    unit; the build says so; the handout prints the figure with a note under it."""
    wide_png(unit / "media" / "timeline.png")
    for lang, alt in (("en", "A timeline"), ("de", "Eine Zeitleiste")):
        edit(unit / f"{lang}.md", "# Check {#check}" if lang == "en" else "# Prüfung {#check}",
             f"![{alt}](timeline.png)\n\n" + ("# Check {#check}" if lang == "en" else "# Prüfung {#check}"))
    note = ("note: units/tiny/media/timeline.png: figure 'timeline.png' prints at 21% of its size on an A4 page, "
            "too small to read, and has no text version\n"
            "  fix: add its text version, timeline.text.md, beside it in media/ (the handout prints it under the "
            "figure), or make the figure narrower\n")
    checked = qser("check")
    assert checked.exit_code == 0 and checked.output.endswith(note), checked.output
    built = qser("build", "--target", "pdf", "--lang", "de")
    assert built.exit_code == 0 and built.output.startswith(note), built.output
    handout = text_of(unit.parent.parent / "dist" / "tiny-de-0.1.0-handout.pdf")
    assert squash(catalog("de")["print"]["no_text_version"]) in squash(handout)
    (unit / "media" / "timeline.text.md").write_text("1990 bis 2020: dreißig Jahre.\n", "utf-8")
    checked = qser("check")
    assert checked.exit_code == 0 and "note:" not in checked.output


def test_a_narrow_figure_gets_no_note(unit):
    Image.new("RGB", (600, 400), "#cccccc").save(unit / "media" / "photo.png")
    edit(unit / "en.md", "Some text.", "Some text.\n\n![A photo](photo.png)")
    edit(unit / "de.md", "Etwas Text.", "Etwas Text.\n\n![Ein Foto](photo.png)")
    checked = qser("check")
    assert checked.exit_code == 0 and "note:" not in checked.output, checked.output


@pytest.mark.parametrize("src, name", [("bild-ä.png", "bild-ä.png"), ("my%20fig.png", "my fig.png")])
def test_figures_named_as_authors_write_them_are_printed(unit, src, name):
    Image.new("RGB", (400, 300), "#3366cc").save(unit / "media" / name)
    edit(unit / "en.md", "impact-circular-model.en.svg", src)
    result = qser("build", "--target", "pdf", "--lang", "en")
    assert result.exit_code == 0, result.output
    reader = PdfReader(unit.parent.parent / "dist" / "tiny-en-0.1.0-handout.pdf")
    assert len({image.name for page in reader.pages for image in page.images}) == 1  # pages share resources


def test_a_picture_that_cannot_be_drawn_stops_the_pdf_with_its_name(unit):
    (unit / "media" / "fig.png").write_bytes(b"\x89PNG\r\n")  # a browser shows a broken image: paper cannot
    edit(unit / "en.md", "impact-circular-model.en.svg", "fig.png")
    result = qser("build", "--target", "pdf", "--lang", "en")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("units/tiny/media/fig.png: the en handout cannot show this figure: ")
    assert "  fix: save it as PNG, JPEG or plain SVG and build again\n" in result.output
    assert "Traceback" not in result.output and not Path("dist").exists()


HOSTILE = ["</style><script>x</script>", "<img src=http://example.org/x.png>", "Ünïcödé – „quotes“ & <b>bold</b>"]


def test_author_text_prints_as_text_and_fetches_nothing(unit):
    """Markup in a title, a page and a prompt reaches the paper as the characters written; no
    address in it is fetched (the target's fetcher knows only the unit's figures, and stops the
    build on any other)."""
    title = "A tiny unit } @page { margin: 0 } </style>"
    edit(unit / "unit.yaml", "en: A tiny unit", f"en: '{title}'")
    # HTML in a page is refused (load/markdown.py); as code it is text, and must print as such
    edit(unit / "en.md", "Some text.", "Some text " + " ".join(f"`{h}`" for h in HOSTILE[:2]) + ".")
    edit(unit / "questions.yaml", 'en: "Which colour is the sky?"', f'en: "{HOSTILE[2]}"')
    result = qser("build", "--target", "pdf", "--lang", "en")
    assert result.exit_code == 0, result.output
    pages = pages_text(unit.parent.parent / "dist" / "tiny-en-0.1.0-handout.pdf")
    for expected in (title, *HOSTILE):
        assert squash(expected) in squash("\n".join(pages)), expected
    assert squash(title) in squash(pages[-1])  # in the footer too, as text


def test_missing_system_libraries_are_explained(unit, tmp_path):
    """A machine whose Pango cannot be loaded (here: a broken libpango first on the library path)
    gets a message naming what to install; the zip targets still build."""
    broken = tmp_path / "libs"
    broken.mkdir()
    for name in ("libpango-1.0.so.0", "libpango-1.0.so", "libpango-1.0-0.so"):
        (broken / name).write_bytes(b"not a library")
    env = dict(os.environ, LD_LIBRARY_PATH=str(broken))
    run = subprocess.run([sys.executable, "-m", "builder", "build", "--target", "pdf"], cwd=unit.parent.parent,
                         env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout == ""
    assert run.stderr.startswith("--target pdf: WeasyPrint cannot load its system libraries (")
    assert ("  fix: install them (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
            "fonts-liberation fonts-dejavu-core; scripts/setup does) or build other targets with --target\n") in run.stderr
    assert "Traceback" not in run.stderr and not (unit.parent.parent / "dist").exists()
    zips = subprocess.run([sys.executable, "-m", "builder", "build", "--target", "html"], cwd=unit.parent.parent,
                          env=env, capture_output=True, text=True)
    assert zips.returncode == 0, zips.stderr


# ---- a few generated units (the zip targets get many: test_fuzz_outputs.py)

DRAWN: list[int] = []


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=plausible_units().filter(lambda d: d[2] == "none"))
def test_generated_units_print_every_page_and_question_in_order(drawn):
    files, langs, _ = drawn
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="qser-pdf-fuzz-"))
    try:
        folder = root / "units" / "tiny"
        folder.mkdir(parents=True)
        for name, content in files.items():
            (folder / name).write_text(content, "utf-8")
        unit = load_unit(folder)
        build(root / "units", root / "dist", targets=["pdf"])
        for lang in langs:
            for edition in EDITIONS:
                text = text_of(root / "dist" / f"tiny-{lang}-{unit.version}-{edition}.pdf")
                expected = [h for _, h in unit_headings(unit, lang)]
                assert in_order(expected, text) == []
                assert in_order([q.prompt[lang] for q in unit.questions.values()], text) == []
        DRAWN.append(1)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_generated_units_did_print():
    assert DRAWN
