"""Target `pdf`: the unit on paper, a learner's handout and a trainer's edition per language.

WeasyPrint typesets render/paper.py's HTML. It fetches nothing but the unit's own figures (a
fetcher that knows only those), and the PDF is the same bytes on every build: no dates in its
metadata, and its id a digest of its contents (pydyf's MD5 of its objects). Paper cannot
switch language, so a bundle build makes each language's pair too (`per_language`).
"""

from __future__ import annotations

import io
import logging
import mimetypes
import re
from contextlib import contextmanager, redirect_stdout
from urllib.parse import unquote

from ..errors import Problems
from ..model import Unit
from ..render.paper import EDITIONS, MEDIA_SCHEME, paper_html, paper_media, print_notes
from . import Contents, Target

MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
        ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif"}
#: Debian's packages for WeasyPrint's system libraries and the fonts the documents use (scripts/setup).
DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation fonts-dejavu-core"


class Pdf(Target):
    name = "pdf"
    per_language = True

    def output_names(self, unit: Unit, lang: str | None) -> list[str]:
        return [self.document_name(unit, each, edition) for each in self.languages(unit, lang) for edition in EDITIONS]

    def notes(self, unit: Unit) -> list:
        return print_notes(unit)

    @staticmethod
    def document_name(unit: Unit, lang: str, edition: str) -> str:
        return f"{unit.id}-{lang}-{unit.version}-{edition}.pdf"

    def outputs(self, unit: Unit, lang: str | None, contents: Contents) -> dict[str, bytes]:
        return {self.document_name(unit, each, edition): render_pdf(unit, each, edition)
                for each in self.languages(unit, lang) for edition in EDITIONS}


def render_pdf(unit: Unit, lang: str, edition: str) -> bytes:
    """One document as PDF bytes; a figure WeasyPrint cannot draw stops the build with its name."""
    weasyprint = _weasyprint()
    fetcher = _media_fetcher(weasyprint, paper_media(unit, lang))
    with _errors_of("weasyprint") as errors:
        document = weasyprint.HTML(string=paper_html(unit, lang, edition), url_fetcher=fetcher, base_url=None)
        # tagged: screen readers read it in order, with its headings, lists and tables
        pdf = document.write_pdf(pdf_identifier=True, pdf_tags=True)
    if errors:
        raise Problems().fail(*_blame(unit, lang, edition, errors[0]))
    return pdf


def _blame(unit: Unit, lang: str, edition: str, error: str) -> tuple:
    """file, line, what, fix for an error WeasyPrint logged: the figure it names, else the unit."""
    images = {image.name: image.source for page in unit.pages for image in page.images[lang]}
    m = re.search(re.escape(MEDIA_SCHEME) + r"([^'\"\s]+)", error)
    source = images.get(unquote(m[1])) if m else None
    if source:
        return (source, None, f"the {lang} {edition} cannot show this figure: {error}",
                "save it as PNG, JPEG or plain SVG and build again")
    return (f"units/{unit.id}", None, f"the {lang} {edition} cannot be printed: {error}",
            "build the other targets with --target and report this with the unit")


def _media_fetcher(weasyprint, media: dict[str, bytes]):
    """WeasyPrint's fetcher for `qser-media:` addresses of the unit's figures, and nothing else:
    any other address fails, WeasyPrint logs it, and render_pdf stops the build (no file from
    outside the unit, no network). WeasyPrint hands it names percent-encoded ("gr%C3%BC%C3%9Fe.svg")."""

    class MediaFetcher(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            name = unquote(url[len(MEDIA_SCHEME):]) if url.startswith(MEDIA_SCHEME) else None
            if name not in media:
                raise ValueError(f"{url} is not one of the unit's figures")
            suffix = "." + name.rsplit(".", 1)[-1].lower()
            mime = MIME.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(url, media[name], {"Content-Type": mime})

    return MediaFetcher()  # failing on errors would raise a BaseException: they are logged, then collected


@contextmanager
def _errors_of(logger_name: str):
    """The errors a library logs while the block runs (WeasyPrint logs an image it cannot load
    and goes on without it): collected, so that no handout lacks a figure silently."""
    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.ERROR:
                found.append(record.getMessage())

    logger, handler = logging.getLogger(logger_name), Collect()
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def _weasyprint():
    """WeasyPrint, imported when the first document is made: its system libraries (Pango) may be
    missing where only the zip targets are used."""
    try:
        with redirect_stdout(io.StringIO()):  # it prints its own advice, with a web address, then raises
            import weasyprint
    except OSError as e:
        raise Problems().fail("--target pdf", None, f"WeasyPrint cannot load its system libraries ({e})",
                              f"install them (Debian: apt-get install {DEBIAN_PACKAGES}; scripts/setup does) "
                              "or build other targets with --target") from None
    return weasyprint


TARGET = Pdf()
