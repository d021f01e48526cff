"""Read what a trainer downloads from a Moodle SCORM activity's Reports into plain rows.

Moodle serves the Basic and the Interactions report in three formats: a tab-separated text
file, ODS and Excel (.xlsx). All three carry the same cells, so each reader returns the same
thing: a header and rows of strings, numbers written as Moodle's text format writes them
("100", "7"). What the columns mean is worked out in `parse_download`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..printable import counted

ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
EXPECTED = ("a download of a Moodle SCORM activity's Basic or Interactions report (Reports → Download: "
            "text format .txt, ODS or Excel .xlsx)")


class MoodleFileError(Exception):
    """A file that is not a Moodle SCORM report download, or one we cannot read: the message says why."""


@dataclass
class Row:
    number: int  # 1-based record number in the file, the header being 1
    name: str
    email: str
    attempt: int | None  # None: no attempt ("-")
    started: str
    last: str
    score: str  # Moodle's grade for the attempt, as written ("-" for none)
    sco: str | None  # the SCO column: a score (Interactions "100", Basic "100/100") or a status word
    groups: dict[int, dict[str, str]] = field(default_factory=dict)  # index N -> kind -> cell


@dataclass
class Download:
    path: Path
    fmt: str  # txt, ods, xlsx
    sco_title: str | None  # header of the SCO column; None in the default Basic report
    kinds: tuple[str, ...]  # which of question/response/right/result each group has
    groups: int
    rows: list[Row]


# Header words Moodle uses for the group columns ("Question 0"), in the languages we know.
# Unknown languages fall back to the column's position in its group (see `_kinds`).
GROUP_WORDS = {
    "question": "question", "frage": "question",
    "response": "response", "antwort": "response",
    "right answer": "right", "richtige antwort": "right",
    "result": "result", "ergebnis": "result",
}
ENTITIES = {"&quot;": '"', "&#039;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&"}


def unescape(text: str) -> str:
    """Undo Moodle's s() (htmlspecialchars), and nothing more: a learner's own "&copy;" stays."""
    return re.sub(r"&(?:quot|#039|lt|gt|amp);", lambda m: ENTITIES[m.group(0)], text)


def _number(value) -> str:
    """A number cell as Moodle's text download writes it: 100, not 100.0."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return "" if value is None else str(value)


def read_text(data: bytes, path: Path) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise MoodleFileError(f"{path}: byte {e.start} is not UTF-8, so this is not Moodle's text download; "
                              f"expected {EXPECTED}") from None
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"')]


def read_ods(archive: zipfile.ZipFile, path: Path) -> list[list[str]]:
    from lxml import etree

    try:
        root = etree.fromstring(archive.read("content.xml"), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                             huge_tree=False))
    except (KeyError, etree.XMLSyntaxError) as e:
        raise MoodleFileError(f"{path}: the ODS file has no readable content.xml ({e}); download it again") from None
    table = root.find(".//table:table", NS)
    if table is None:
        raise MoodleFileError(f"{path}: the ODS file has no sheet; expected {EXPECTED}")
    t = "{%s}" % NS["table"]
    rows = []
    for row in table.iter(t + "table-row"):
        cells = []
        for cell in row.iterchildren(t + "table-cell", t + "covered-table-cell"):
            shown = "\n".join(_ods_text(p) for p in cell.iterchildren("{%s}p" % NS["text"]))
            if shown:  # what Moodle wrote, so a learner's "007" stays 007 and not the number 7
                value = shown
            elif cell.get("{%s}value-type" % NS["office"]) == "float":
                value = cell.get("{%s}value" % NS["office"], "")
                try:
                    value = _number(float(value))
                except ValueError:
                    raise MoodleFileError(f"{path}: row {len(rows) + 1} has a number cell that is no number "
                                          f"({value!r}); was the file edited? Download it again from Moodle") from None
            else:
                value = ""
            repeat = _repeat(cell.get(t + "number-columns-repeated"))
            cells += [value] * repeat
        while cells and cells[-1] == "":
            cells.pop()
        repeat = _repeat(row.get(t + "number-rows-repeated"))
        rows += [cells] * (repeat if cells else 1)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _repeat(value: str | None) -> int:
    """ODF's repeat count, bounded: a sheet padded to a million empty cells stays cheap."""
    return min(max(int(value), 1), 1024) if value and value.isdigit() else 1


def _ods_text(p) -> str:
    """The text of a <text:p>, with ODF's space, tab and line-break elements as characters."""
    out = [p.text or ""]
    for child in p:
        tag = child.tag.split("}")[-1]
        if tag == "s":
            out.append(" " * int(child.get("{%s}c" % NS["text"], "1")))
        elif tag == "tab":
            out.append("\t")
        elif tag == "line-break":
            out.append("\n")
        else:
            out.append(_ods_text(child))
        out.append(child.tail or "")
    return "".join(out)


def read_xlsx(data: bytes, path: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken workbook
        raise MoodleFileError(f"{path}: this Excel file cannot be read ({type(e).__name__}: {e}); "
                              f"expected {EXPECTED}") from None
    sheet = book.worksheets[0]
    rows = [[_number(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    for r in rows:
        while r and r[-1] == "":
            r.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def read_cells(path: Path) -> tuple[str, list[list[str]]]:
    """(format, rows of cells) of a download, by what the file is, not what it is called."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise MoodleFileError(f"{path}: cannot read it ({e.strerror})") from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise MoodleFileError(f"{path}: this is an old Excel 97–2003 (.xls) file, which Moodle 4 does not serve; "
                              f"expected {EXPECTED}")
    if data.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
                return "ods", read_ods(archive, path)
        except zipfile.BadZipFile:
            raise MoodleFileError(f"{path}: a damaged zip file; expected {EXPECTED}") from None
        if "xl/workbook.xml" in names:
            return "xlsx", read_xlsx(data, path)
        raise MoodleFileError(f"{path}: a zip file but no spreadsheet (is it a SCORM package?); expected {EXPECTED}")
    return "txt", read_text(data, path)


def _kinds(headers: list[str], path: Path) -> tuple[tuple[str, ...], int]:
    """Which columns each group holds ("Question 0", "Response 0", …) and how many groups there are."""
    by_index: dict[int, list[str]] = {}
    for h in headers:
        m = re.fullmatch(r"\s*(.*?)\s+(\d+)\s*", h)
        if not m:
            raise MoodleFileError(f"{path}: header {h!r} is not an interaction column like 'Response 0'; "
                                  f"expected {EXPECTED}")
        by_index.setdefault(int(m.group(2)), []).append(m.group(1).casefold())
    firsts = [by_index[n] for n in sorted(by_index)]
    if sorted(by_index) != list(range(len(by_index))) or any(words != firsts[0] for words in firsts):
        raise MoodleFileError(f"{path}: the interaction columns are not groups 0, 1, 2, … with the same headers; "
                              "was the file edited? Download it again from Moodle")
    words = firsts[0]
    if all(w in GROUP_WORDS for w in words):
        return tuple(GROUP_WORDS[w] for w in words), len(firsts)
    # a language we have no words for: Moodle's order is question, response, right answer, result
    by_count = {1: ("response",), 4: ("question", "response", "right", "result")}
    if len(words) in by_count:
        return by_count[len(words)], len(firsts)
    raise MoodleFileError(f"{path}: cannot tell which interaction columns these are ({', '.join(words)}); "
                          "tick all four summaries, or only 'Summary of responses', under the Interactions report, "
                          "save preferences and download again")


def parse_download(path: Path) -> Download:
    fmt, rows = read_cells(path)
    if not rows or len(rows[0]) < 6:
        raise MoodleFileError(f"{path}: {'empty' if not rows else 'only ' + counted(len(rows[0]), 'column') + ' in the first row'}; "
                              f"expected {EXPECTED}, whose first row starts with Name, Email address, Attempt, "
                              "Started on, Last accessed on, Score")
    header = [h.strip() for h in rows[0]]
    sco_title = header[6] if len(header) > 6 else None
    kinds, groups = _kinds(header[7:], path) if len(header) > 7 else ((), 0)
    width = 7 + len(kinds) * groups
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > max(width, 6):
            raise MoodleFileError(f"{path}: record {number} has {len(cells)} cells, the header {len(header)}; "
                                  "was the file edited? Download it again from Moodle")
        cells = cells + [""] * (max(width, 6) - len(cells))
        attempt = cells[2].strip()
        if attempt not in ("-", "") and not attempt.isdigit():
            raise MoodleFileError(f"{path}: record {number}, column 3 (Attempt) is {attempt!r}, not a number or '-'; "
                                  f"expected {EXPECTED}")
        row = Row(number=number, name=cells[0], email=unescape(cells[1]),
                  attempt=int(attempt) if attempt.isdigit() else None, started=cells[3], last=cells[4],
                  score=cells[5].strip(), sco=cells[6].strip() if sco_title is not None else None)
        for n in range(groups):
            group = {k: unescape(cells[7 + n * len(kinds) + i]) for i, k in enumerate(kinds)}
            if any(v for v in group.values()):
                row.groups[n] = group
        out.append(row)
    return Download(path=path, fmt=fmt, sco_title=sco_title, kinds=kinds, groups=groups, rows=out)
