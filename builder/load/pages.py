"""The <lang>.md part of loading a unit: pages as CommonMark reads them, placements, images, links,
and nothing a learner would see as raw Markdown."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import brief
from ..model import LinkedFile, Page, Question
from .limits import PAGE_ID_MAX, TITLE_MAX
from .markdown import hidden_lines, read, shows_something, unclosed_fences
from .media import resolve_image, resolve_link

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_HEADING = re.compile(r"^#[ \t]+(?P<title>.*?)[ \t]*\{#(?P<id>[^}]*)\}[ \t]*$")
ANY_H1 = re.compile(r"^#[ \t]")
LANGUAGE_FILE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?\.md$")
PLACEMENT = re.compile(r"^\[question:[ \t]*(?P<id>[^\]]*?)[ \t]*\][ \t]*$")


class PagesMixin:
    """Part of _UnitLoader (builder/load/loader.py): uses its problems, folder, languages and read_text."""

    def load_pages(self, questions: dict[str, Question] | None) -> list[Page]:
        per_lang: dict[str, list[dict]] = {}
        problems_before = len(self.problems.items)
        for lang in self.languages:
            path = self.folder / f"{lang}.md"
            text = self.read_text(path)
            if text is not None:
                per_lang[lang] = self.split_pages(path, text)
        for stray in sorted(self.folder.glob("*.md")):
            if LANGUAGE_FILE.match(stray.name) and stray.stem not in self.languages:
                self.problems.add(stray, None, f"is a page file for '{stray.stem}', which is not in languages",
                                  f"add '{stray.stem}' to languages in unit.yaml, or rename the file while it is a draft "
                                  f"(e.g. {stray.stem}.draft.md)")
        broken = len(per_lang) != len(self.languages) or len(self.problems.items) > problems_before
        for lang, pages in per_lang.items():  # what each page shows and links to, in every language
            for page in pages:
                self.read_page(lang, page)
        if broken:
            return []  # a language file is missing or broken: comparing pages would only repeat that
        first = self.languages[0]
        reference = per_lang[first]
        if not self.same_pages(per_lang):
            return []
        if questions is None:
            return []
        placed: dict[str, str] = {}
        placement_problems = len(self.problems.items)
        for lang in self.languages:
            where: dict[str, tuple[str, int]] = {}
            for page in per_lang[lang]:
                for qid, line in page["questions"]:
                    if qid not in questions and qid not in self.declared_questions:
                        self.problems.add(self.folder / f"{lang}.md", line, f"question '{qid}' is not in questions.yaml",
                                          "check the spelling, or add the question to questions.yaml")
                    elif qid in where:
                        self.problems.add(self.folder / f"{lang}.md", line,
                                          f"question '{qid}' is placed twice (also on page '{where[qid][0]}', "
                                          f"line {where[qid][1]})", "place every question once")
                    where.setdefault(qid, (page["id"], line))
                    placed.setdefault(qid, page["id"])
        if len(self.problems.items) == placement_problems:  # else a misspelt or doubled id is the cause, said above
            self.same_placements(per_lang)
        for qid in questions:
            if qid not in placed:
                self.problems.add(self.folder / "questions.yaml", self.declared_questions.get(qid),
                                  f"question '{qid}' is not placed on any page",
                                  f"add a line '[question: {qid}]' to a page of every language file, or remove the question")
        if not reference:
            self.problems.add(self.folder / f"{first}.md", None, "has no pages",
                              "start each page with a heading like '# Title {#page-id}'")
        return [
            Page(
                id=ref_page["id"],
                title={lang: per_lang[lang][i]["title"] for lang in self.languages},
                blocks={lang: tuple((kind, value) for kind, value, _ in per_lang[lang][i]["blocks"])
                        for lang in self.languages},
                questions=tuple(q for q, _ in ref_page["questions"]),
                images={lang: tuple(per_lang[lang][i]["images"]) for lang in self.languages},
                files={lang: tuple(per_lang[lang][i]["files"]) for lang in self.languages},
            )
            for i, ref_page in enumerate(reference)
        ]

    def same_pages(self, per_lang: dict[str, list[dict]]) -> bool:
        """Every language file has the same pages in the same order; where two differ, both are
        named, since either may hold the mistake."""
        first = self.languages[0]
        ref = per_lang[first]
        ref_ids = [p["id"] for p in ref]
        same = True
        for lang in self.languages[1:]:
            pages = per_lang[lang]
            ids = [p["id"] for p in pages]
            if ids == ref_ids:
                continue
            same = False
            path = self.folder / f"{lang}.md"
            if len(ids) == len(ref_ids) and sorted(ids) != sorted(ref_ids):
                for page, ref_page in zip(pages, ref):
                    if page["id"] != ref_page["id"] and page["id"] not in ref_ids and ref_page["id"] not in ids:
                        self.problems.add(path, page["line"], f"page '{page['id']}' is page '{ref_page['id']}' in "
                                          f"{first}.md (line {ref_page['line']}): the ids differ",
                                          f"use one id in every language file: correct it here or in {first}.md")
                if any(p["id"] in ref_ids and p["id"] != r["id"] for p, r in zip(pages, ref)):
                    self.report_page_difference(lang, first, pages, ref)
                continue
            self.report_page_difference(lang, first, pages, ref)
        return same

    def report_page_difference(self, lang, first, pages, ref) -> None:
        path = self.folder / f"{lang}.md"
        ids = [p["id"] for p in pages]
        ref_ids = [p["id"] for p in ref]
        for p in pages:
            if p["id"] not in ref_ids:
                self.problems.add(path, p["line"], f"page '{p['id']}' is not in {first}.md",
                                  f"every language file has the same pages: add it to {first}.md, or remove or "
                                  "rename it here")
        for p in ref:
            if p["id"] not in ids:
                self.problems.add(path, None, f"page '{p['id']}' of {first}.md (line {p['line']}) is missing here",
                                  f"add '# <title> {{#{p['id']}}}' with its translation, or remove it from {first}.md")
        if sorted(ids) == sorted(ref_ids):
            self.problems.add(path, None, f"pages are in another order than in {first}.md ({', '.join(ids)})",
                              f"put them in one order in every language file; {first}.md has: {', '.join(ref_ids)}")

    def same_placements(self, per_lang: dict[str, list[dict]]) -> None:
        """Every page places the same questions in every language; a difference names both files."""
        first = self.languages[0]
        for i, ref_page in enumerate(per_lang[first]):
            ref_ids = [q for q, _ in ref_page["questions"]]
            for lang in self.languages[1:]:
                page = per_lang[lang][i]
                ids = [q for q, _ in page["questions"]]
                if ids != ref_ids:
                    self.problems.add(self.folder / f"{lang}.md", page["line"],
                                      f"page '{page['id']}' places {_listed(ids)} here, but {_listed(ref_ids)} in "
                                      f"{first}.md (line {ref_page['line']})",
                                      "place the same questions in the same order in every language file")

    def read_page(self, lang: str, page: dict) -> None:
        """Check what a page shows (images), opens (linked files) and would show as raw Markdown;
        the images and files found go into page["images"] and page["files"]."""
        path = self.folder / f"{lang}.md"
        page["images"], page["files"] = [], []
        for kind, text, first_line in page["blocks"]:
            if kind != "markdown":
                continue
            reading = read(text)
            for raw in reading.raw:
                self.problems.add(path, first_line + raw.line - 1, raw.what, raw.fix)
            for ref in reading.images:
                image = resolve_image(self.problems, self.folder, path, first_line + ref.line - 1, ref.src)
                if image and image not in page["images"]:
                    page["images"].append(image)
                    if image.text:
                        self.read_text_version(image.text, page)
            for ref in reading.links:
                self.add_file(page, resolve_link(self.problems, self.folder, path, first_line + ref.line - 1, ref.src))

    def read_text_version(self, path: Path, page: dict) -> None:
        """A figure's text version is Markdown too: no raw Markdown, links as on a page, no images."""
        text = self.read_text(path)
        if text is None:
            return
        reading = read(text)
        for raw in (*unclosed_fences(text), *reading.raw):
            self.problems.add(path, raw.line, raw.what, raw.fix)
        for ref in reading.images:
            self.problems.add(path, ref.line, "a text version shows no images: it stands in for the figure",
                              "describe in words what the image shows")
        for ref in reading.links:
            self.add_file(page, resolve_link(self.problems, self.folder, path, ref.line, ref.src))

    @staticmethod
    def add_file(page: dict, linked: LinkedFile | None) -> None:
        if linked and linked not in page["files"]:
            page["files"].append(linked)

    def split_pages(self, path: Path, text: str) -> list[dict]:
        pages: list[dict] = []
        seen: dict[str, int] = {}
        code, comments = hidden_lines(text)
        hidden = code | comments
        for fence in unclosed_fences(text):
            self.problems.add(path, fence.line, fence.what, fence.fix)
        # split("\n"), not splitlines(): U+2028 and friends are not line ends for an editor's line numbers
        for number, line in enumerate(text.split("\n"), start=1):
            if number - 1 not in hidden:
                heading = PAGE_HEADING.match(line)
                if heading:
                    pid, title = heading["id"].strip(), heading["title"].strip()
                    if not SLUG.match(pid) or len(pid) > PAGE_ID_MAX:
                        self.problems.add(path, number, f"page id '{brief(pid)[1:-1]}' is not a slug"
                                          + (f" of at most {PAGE_ID_MAX} characters" if SLUG.match(pid) else ""),
                                          "use lowercase ASCII letters, digits and hyphens, e.g. {#impact-model}")
                    if not title:
                        self.problems.add(path, number, f"page '{pid}' has no title", "write the title before {#...}")
                    elif len(title) > TITLE_MAX:
                        self.problems.add(path, number, f"page '{pid}' has a title of {len(title)} characters "
                                          f"(at most {TITLE_MAX})", "shorten it; say more below the heading")
                    if pid in seen:
                        self.problems.add(path, number, f"page id '{pid}' is used twice (first on line {seen[pid]})",
                                          "give every page its own id")
                    seen[pid] = number
                    pages.append({"id": pid, "title": title, "line": number, "blocks": [], "questions": []})
                    continue
                if ANY_H1.match(line):
                    self.problems.add(path, number, "a level-1 heading without a page id",
                                      "end it with an id like '# Title {#page-id}', or use '##' for a heading inside a page")
                    continue
                placement = PLACEMENT.match(line)
                if placement:
                    if not pages:
                        self.problems.add(path, number, "question placed before the first page",
                                          "put it below a page heading")
                    else:
                        pages[-1]["questions"].append((placement["id"], number))
                        pages[-1]["blocks"].append(("question", placement["id"], number))
                    continue
            if not pages:
                if line.strip() and number - 1 not in comments:
                    self.problems.add(path, number, "text before the first page heading",
                                      "start the file with a page heading like '# Welcome {#welcome}'")
                continue
            blocks = pages[-1]["blocks"]
            if not blocks or blocks[-1][0] != "markdown":
                blocks.append(("markdown", [], number))
            blocks[-1][1].append(line)
        for page in pages:
            page["blocks"] = [(kind, "\n".join(value) + "\n" if kind == "markdown" else value, line)
                              for kind, value, line in page["blocks"]
                              if kind != "markdown" or shows_something("\n".join(value))]
            if not page["blocks"]:  # the learner would see a heading over nothing
                self.problems.add(path, page["line"], f"page '{page['id']}' is empty: nothing below its heading",
                                  "write its text or place a question below the heading, or remove the page")
        return pages


def _listed(ids: list[str]) -> str:
    return ", ".join(f"'{q}'" for q in ids) if ids else "no questions"
