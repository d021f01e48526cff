"""`qser validate`: check a built or foreign package zip, or a Moodle backup, before it goes to an LMS.

Reads the zip (or the backup's tar.gz) defensively (bounded sizes, no path escapes), then checks
the manifest: SCORM 1.2 or 2004 4th edition against the official XSDs of its edition (validate_scorm.py),
files listed vs present, identifiers; xAPI's tincan.xml for a launchable first activity; cmi5's
cmi5.xml against the course structure XSD (shipped in assets/schemas/cmi5) and for AUs that
launch files in the zip; a Moodle backup (.mbz) as restore reads it, the SCORM zips it holds
as any package (validate_moodle.py).
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from lxml import etree

from .. import ASSETS
from ..errors import Problem, display_path
from ..printable import printable
from .validate_moodle import check_backup
from .validate_scorm import SCORM12_XSD_DIR, SCORM2004_XSD_DIR, check_scorm, scorm12_schema, scorm2004_schema  # noqa: F401

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for entries over 1 MiB: zip bombs
MAX_MANIFEST_BYTES = 5 * 1024 * 1024

TINCAN = "http://projecttincan.com/tincan.xsd"
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
CMI5_XSD = ASSETS / "schemas" / "cmi5" / "CourseStructure.xsd"


@dataclass
class Report:
    path: Path
    kind: str = "unknown"
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, where: str, line: int | None, what: str, fix: str) -> None:
        self.problems.append(Problem(f"{display_path(self.path)}:{where}" if where else display_path(self.path),
                                     line, what, fix))


def _safe_names(report: Report, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo] | None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        report.add("", None, f"has {len(infos)} entries (at most {MAX_ENTRIES})", "this is not a learning package")
        return None
    total, names = 0, {}
    for info in infos:
        name = info.filename
        pure = PurePosixPath(name)
        if name.startswith("/") or "\\" in name or ".." in pure.parts or re.match(r"^[A-Za-z]:", name):
            report.add(name, None, "path leaves the package (absolute, '..' or backslashes)",
                       "rebuild the zip with paths relative to its root")
            continue
        if name in names:
            report.add(name, None, "is in the zip twice", "rebuild the zip")
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            report.add(name, None, f"unpacks {info.file_size // max(info.compress_size, 1)} times larger than it is packed",
                       "this looks like a zip bomb; do not upload it")
        kind = (info.external_attr >> 16) & 0o170000
        if info.create_system == 3 and kind == 0o120000:
            report.add(name, None, "is a symbolic link, which an LMS unpacking the zip may follow out of the package",
                       "put the file itself into the zip")
            continue
        if info.flag_bits & 0x1:
            report.add(name, None, "is encrypted; an LMS cannot unpack it", "zip the package without a password")
            continue
        if not name.endswith("/"):
            names[name] = info
    if total > MAX_TOTAL_BYTES:
        report.add("", None, f"unpacks to {total} bytes (at most {MAX_TOTAL_BYTES})", "reduce the media in the package")
        return None
    return names


def _entries_readable(report: Report, zf: zipfile.ZipFile, names: dict) -> bool:
    """Unpack every entry once, as the LMS will: a wrong CRC, a damaged stream or an unknown
    compression method is named here instead of failing later."""
    ok = True
    for name, info in names.items():
        try:
            with zf.open(info) as entry:
                while entry.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as e:
            report.add(name, None, f"cannot be unpacked ({printable(e)[:120]})",
                       "the zip is damaged: build or download the package again")
            ok = False
    return ok


def _parse_xml(report: Report, zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    if info.file_size > MAX_MANIFEST_BYTES:
        report.add(info.filename, None, "is too large for a manifest", "check the package")
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(zf.read(info), parser)
    except etree.XMLSyntaxError as e:
        report.add(info.filename, e.lineno, f"is not well-formed XML: {e.msg}", "fix the XML")
        return None


def _check_tincan(report: Report, tincan, names: dict) -> None:
    report.kind = "xAPI (Tin Can launch)"
    activities = tincan.findall(f".//{{{TINCAN}}}activity")
    if not activities:
        report.add("tincan.xml", None, "has no activity", "describe the course as the first <activity>")
        return
    first = activities[0]
    if not re.match(r"^[a-z][a-z0-9+.-]*:", first.get("id") or ""):
        report.add("tincan.xml", first.sourceline, f"activity id {first.get('id')!r} is not an IRI",
                   "use an absolute IRI such as https://example.org/units/<unit>")
    launch = first.findtext(f"{{{TINCAN}}}launch")
    if not launch or launch.split("?")[0] not in names:
        report.add("tincan.xml", first.sourceline, f"the first activity launches {launch!r}, which is not in the zip",
                   "set <launch> to the package's start page, e.g. index.html")


@lru_cache(maxsize=1)
def cmi5_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(CMI5_XSD)))


def _check_cmi5(report: Report, structure, names: dict) -> None:
    report.kind = "cmi5"
    where = "cmi5.xml"
    if not CMI5_XSD.is_file():
        report.add(where, None, f"cannot be checked against the cmi5 course structure schema: no {CMI5_XSD}",
                   "reinstall qser (its wheel carries the schema)")
        return
    schema = cmi5_schema()
    if not schema.validate(structure):
        for error in schema.error_log:
            report.add(where, error.line, f"does not match the cmi5 course structure schema: {error.message}",
                       "correct cmi5.xml (see the cmi5 specification, section 13)")
        return
    for au in structure.iter(f"{{{CMI5}}}au"):
        url = (au.findtext(f"{{{CMI5}}}url") or "").strip()
        if "://" not in url and url.split("?")[0].split("#")[0] not in names:
            report.add(where, au.sourceline, f"AU '{au.get('id')}' launches '{url}', which is not in the zip",
                       "set <url> to the package's start page, e.g. index.html")


def _check_html(report: Report, zf: zipfile.ZipFile, names: dict) -> None:
    """An html-target zip: a preview to unpack on a web server, not something to upload to an LMS."""
    report.kind = "HTML preview, not an LMS package"
    page = zf.read(names["index.html"])
    for ref in sorted(set(re.findall(rb'(?:src|href)="([^":#?]+)"', page))):
        name = ref.decode("utf-8", "replace")
        if name.startswith("/") or name in names:
            continue
        report.add("index.html", None, f"refers to '{name}', which is not in the zip", "build the package again")


def validate_package(path: Path, schema_dir: Path | None = None) -> Report:
    """What is wrong with the package at `path` (a zip, or a Moodle backup); `schema_dir`: the XSDs
    of its SCORM edition (default: the ones qser carries for each edition)."""
    report = Report(Path(path))
    try:
        with open(path, "rb") as f:
            gzipped = f.read(2) == b"\x1f\x8b"  # how Moodle tells a .mbz's tgz from its zip (mbz_packer)
    except OSError as e:
        report.add("", None, f"cannot be read ({printable(e)[:120]})", "name a package file you can read")
        return report
    if gzipped:
        entries = _read_tgz(report, path)
        if entries is not None:
            report.files = sum(not name.endswith("/") for name in entries)
            check_backup(report, entries, lambda where, data: _check_held_zip(report, where, data, schema_dir))
    else:
        _check_zip(report, path, schema_dir)
    return report


def _check_held_zip(report: Report, where: str, data: bytes, schema_dir: Path | None) -> None:
    """A package zip inside a backup, checked as any package; its problems named within the backup."""
    held = Report(Path(f"{report.path}:{where}"))
    _check_zip(held, io.BytesIO(data), schema_dir)
    report.problems += held.problems


def _check_zip(report: Report, source, schema_dir: Path | None) -> None:
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
        report.add("", None, f"is not a readable zip ({e})", "build or download the package again")
        return
    with zf:
        names = _safe_names(report, zf)
        if names is None:
            return
        report.files = len(names)
        if not _entries_readable(report, zf, names):
            return
        if "moodle_backup.xml" in names:  # a backup Moodle wrote as a zip ($CFG->usezipbackups)
            entries = {info.filename: b"" if info.filename.endswith("/") else zf.read(info) for info in zf.infolist()}
            check_backup(report, entries, lambda where, data: _check_held_zip(report, where, data, schema_dir))
        elif "imsmanifest.xml" in names:
            manifest = _parse_xml(report, zf, names["imsmanifest.xml"])
            if manifest is not None:
                check_scorm(report, manifest, names, schema_dir)
        elif "cmi5.xml" in names:
            structure = _parse_xml(report, zf, names["cmi5.xml"])
            if structure is not None:
                _check_cmi5(report, structure, names)
        elif "tincan.xml" in names:
            tincan = _parse_xml(report, zf, names["tincan.xml"])
            if tincan is not None:
                _check_tincan(report, tincan, names)
        elif "index.html" in names:
            _check_html(report, zf, names)
        else:
            report.add("", None, "has neither imsmanifest.xml, cmi5.xml, tincan.xml nor index.html at its root",
                       "zip the package's contents, not the folder that holds them")


class _TooLarge(Exception):
    pass


class _Bounded:
    """A stream that refuses to give more than `limit` bytes: a gzip bomb stops here, unpacked no further."""

    def __init__(self, raw, limit: int) -> None:
        self.raw, self.limit, self.count = raw, limit, 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(self.limit + 1 - self.count if size is None or size < 0 else size)
        self.count += len(data)
        if self.count > self.limit:
            raise _TooLarge
        return data


def _fits_ustar(name: str) -> bool:
    """Moodle's tgz reader takes a name of 100 bytes, or a prefix of 155 and a name of 100 split at '/'."""
    raw = name.encode("utf-8")
    return len(raw) <= 100 or any(len(raw[:i]) <= 155 and len(raw[i + 1:]) <= 100
                                  for i in range(len(raw)) if raw[i:i + 1] == b"/")


def _read_tgz(report: Report, path: Path) -> dict[str, bytes] | None:
    """A Moodle backup's entries (folders as 'name/' -> b''), read with the zip's limits: bounded
    counts and sizes, no path leaving the backup, no links; None when it cannot be read whole."""
    entries: dict[str, bytes] = {}
    total = 0
    fix = "build or download the backup again"
    try:
        with gzip.open(path, "rb") as raw:
            with tarfile.open(fileobj=_Bounded(raw, MAX_TOTAL_BYTES + 16 * 1024 * 1024), mode="r|") as tar:
                for member in tar:
                    name = member.name
                    if len(entries) >= MAX_ENTRIES:
                        report.add("", None, f"has more than {MAX_ENTRIES} entries", "this is not a learning package")
                        return None
                    if name.startswith("/") or "\\" in name or ".." in PurePosixPath(name).parts \
                            or re.match(r"^[A-Za-z]:", name):
                        report.add(name, None, "path leaves the backup (absolute, '..' or backslashes)", fix)
                        continue
                    if member.pax_headers or not _fits_ustar(name + ("/" if member.isdir() else "")):
                        report.add(name, None, "has a name Moodle's archive reader cannot read (a pax header, or "
                                   "longer than a ustar header holds)", fix)
                        continue
                    if member.isdir():
                        entries[name.rstrip("/") + "/"] = b""
                        continue
                    if not member.isfile():
                        report.add(name, None, "is a link or a device, which Moodle's archive reader skips", fix)
                        continue
                    total += member.size
                    if total > MAX_TOTAL_BYTES:
                        report.add("", None, f"unpacks to more than {MAX_TOTAL_BYTES} bytes",
                                   "reduce the media in the package")
                        return None
                    if name in entries:
                        report.add(name, None, "is in the backup twice", fix)
                    entries[name] = tar.extractfile(member).read()
    except _TooLarge:
        report.add("", None, f"unpacks to more than {MAX_TOTAL_BYTES} bytes", "this looks like a gzip bomb; do not "
                   "restore it")
        return None
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError) as e:
        report.add("", None, f"is not a readable Moodle backup ({printable(e)[:120]})", fix)
        return None
    return entries
