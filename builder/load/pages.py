"""The <lang>.md part of loading a unit: pages as CommonMark reads them, placements, images."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import brief
from ..model import Image, Page, Question
from .limits import PAGE_ID_MAX, TITLE_MAX
from .markdown import code_lines, find_images
from .media import resolve_image

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
        if len(per_lang) != len(self.languages) or len(self.problems.items) > problems_before:
            return []  # a language file is missing or broken: comparing pages would only repeat that
        first = self.languages[0]
        reference = per_lang[first]
        ref_ids = [p["id"] for p in reference]
        consistent = True
        for lang in self.languages[1:]:
            ids = [p["id"] for p in per_lang[lang]]
            if ids != ref_ids:
                consistent = False
                self.report_page_difference(lang, first, per_lang[lang], ref_ids)
        if not consistent:
            return []
        if questions is None:
            return []
        placed: dict[str, str] = {}
        for i, ref_page in enumerate(reference):
            for lang in self.languages:
                page = per_lang[lang][i]
                for qid, line in page["questions"]:
                    if qid not in questions and qid not in self.declared_questions:
                        self.problems.add(self.folder / f"{lang}.md", line, f"question '{qid}' is not in questions.yaml",
                                          "check the spelling, or add the question to questions.yaml")
                if lang == first:
                    for qid, line in page["questions"]:
                        if qid in placed:
                            self.problems.add(self.folder / f"{lang}.md", line,
                                              f"question '{qid}' is placed twice (also on page '{placed[qid]}')",
                                              "place every question once")
                        placed[qid] = page["id"]
                elif [q for q, _ in page["questions"]] != [q for q, _ in ref_page["questions"]]:
                    self.problems.add(self.folder / f"{lang}.md", page["line"],
                                      f"page '{page['id']}' places questions "
                                      f"{[q for q, _ in page['questions']]}, {first}.md places {[q for q, _ in ref_page['questions']]}",
                                      f"place the same questions in the same order as {first}.md")
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
                images={lang: self.page_images(lang, per_lang[lang][i]) for lang in self.languages},
            )
            for i, ref_page in enumerate(reference)
        ]

    def report_page_difference(self, lang, first, pages, ref_ids) -> None:
        path = self.folder / f"{lang}.md"
        ids = [p["id"] for p in pages]
        for p in pages:
            if p["id"] not in ref_ids:
                self.problems.add(path, p["line"], f"page '{p['id']}' is not in {first}.md",
                                  f"every language has the same pages: rename it or add it to {first}.md")
        for pid in ref_ids:
            if pid not in ids:
                self.problems.add(path, None, f"page '{pid}' of {first}.md is missing",
                                  f"add '# <title> {{#{pid}}}' with its translation")
        if sorted(ids) == sorted(ref_ids):
            self.problems.add(path, None, f"pages are in another order than in {first}.md ({', '.join(ids)})",
                              f"put them in the order of {first}.md: {', '.join(ref_ids)}")

    def split_pages(self, path: Path, text: str) -> list[dict]:
        pages: list[dict] = []
        seen: dict[str, int] = {}
        code = code_lines(text)
        # split("\n"), not splitlines(): U+2028 and friends are not line ends for an editor's line numbers
        for number, line in enumerate(text.split("\n"), start=1):
            if number - 1 not in code:
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
                if line.strip():
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
                              if kind != "markdown" or any(l.strip() for l in value)]
            if not page["blocks"]:  # the learner would see a heading over nothing
                self.problems.add(path, page["line"], f"page '{page['id']}' is empty: nothing below its heading",
                                  "write its text or place a question below the heading, or remove the page")
        return pages

    def page_images(self, lang: str, page: dict) -> tuple[Image, ...]:
        path = self.folder / f"{lang}.md"
        images = []
        for kind, text, first_line in page["blocks"]:
            if kind != "markdown":
                continue
            for ref in find_images(text):
                image = self.resolve_image(path, first_line + ref.line - 1, ref.src)
                if image and image not in images:
                    images.append(image)
        return tuple(images)

    def resolve_image(self, path: Path, line: int, src: str) -> Image | None:
        return resolve_image(self.problems, self.folder, path, line, src)


