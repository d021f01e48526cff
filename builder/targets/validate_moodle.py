"""`qser validate` for Moodle backups (.mbz): what Moodle 4.5's restore needs, trips over, or drops silently.

validate.py unpacks the backup defensively; this checks what it holds (mbz.py has the facts and their
sources in Moodle's code):
- moodle_backup.xml is recognised (its first 200 bytes), names a backup format Moodle restores, and
  every folder it lists is there; activities sit in listed sections (restore skips others silently);
- the files restore requires are there and every XML file is well-formed; the role each enrolment
  method gives can be mapped;
- every file files.xml lists is in files/ with that sha1 and size (restore skips a missing one with
  a warning only), and each activity's inforef.xml names its files (restore drops the others);
- a SCORM activity has its package (by the name `reference` gives, with `sha1hash`), which passes
  the zip checks of any package; its unpacked content is exactly the zip's; its SCO rows are what
  Moodle would read from the zip's manifest, and one of them launches.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Callable

from lxml import etree

from .mbz import pool_path, scoes_from_manifest

OLDEST_BACKUP = 2010072300  # restore_prechecks_helper: older than Moodle 2.0 is refused (errorminbackup20version)
MAX_XML_BYTES = 64 * 1024 * 1024
KINDS = ("course", "section", "activity")
REQUIRED_ROOT = ("files.xml", "roles.xml", "questions.xml", "groups.xml", "scales.xml", "outcomes.xml")
# files a step reads whenever the root setting is on (restore_course_task, restore_activity_task)
BY_SETTING = {"filters": "filters.xml", "comments": "comments.xml", "calendarevents": "calendar.xml"}
COURSE_BY_SETTING = {**BY_SETTING, "contentbankcontent": "contentbank.xml"}
ACTIVITY_BY_SETTING = {**BY_SETTING, "xapistate": "xapistate.xml"}
REMAKE = "make the backup again (qser build --target moodle, or Moodle's own Backup)"

#: checks a package zip held in the backup: (where, its bytes) -> it adds its problems to the report
ZipCheck = Callable[[str, bytes], None]


def _parse(report, name: str, data: bytes):
    if len(data) > MAX_XML_BYTES:
        report.add(name, None, f"is {len(data)} bytes long (at most {MAX_XML_BYTES})", REMAKE)
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        report.add(name, e.lineno, f"is not well-formed XML: {e.msg}", REMAKE)
        return None


def _text(element, path: str) -> str:
    return (element.findtext(path) or "").strip() if element is not None else ""


def check_backup(report, entries: dict[str, bytes], check_zip: ZipCheck) -> None:
    """Everything above, for the files of one backup (path -> bytes)."""
    report.kind = "Moodle backup"
    main = entries.get("moodle_backup.xml")
    if main is None:
        report.add("", None, "has no moodle_backup.xml at its root, so Moodle cannot restore it", REMAKE)
        return
    head = main[:200]
    if not (b'<?xml version="1.0" encoding="utf-8"?>' in head.lower() and b"<moodle_backup>" in head
            and b"<information>" in head):
        report.add("moodle_backup.xml", 1, "does not begin as Moodle's own backups do (within its first 200 bytes: "
                   "the XML declaration, <moodle_backup> without attributes, <information>), so Moodle does not "
                   "recognise the backup", REMAKE)
    trees = {name: _parse(report, name, data) for name, data in sorted(entries.items()) if name.endswith(".xml")}
    info = trees.get("moodle_backup.xml")
    info = info.find("information") if info is not None else None
    if info is None:
        if trees.get("moodle_backup.xml") is not None:
            report.add("moodle_backup.xml", None, "has no <information>", REMAKE)
        return
    version = _text(info, "backup_version")
    if not version.isdigit() or int(version) < OLDEST_BACKUP:
        report.add("moodle_backup.xml", None, f"backup_version {version!r} is not one Moodle 2.0 or later restores",
                   REMAKE)
    kind, fmt = _text(info, "details/detail/type"), _text(info, "details/detail/format")
    if fmt != "moodle2" or kind not in KINDS:
        report.add("moodle_backup.xml", None, f"says it is a {kind!r} backup in the {fmt!r} format; Moodle 2 and later "
                   "write 'course', 'section' or 'activity' backups in 'moodle2'", REMAKE)
    for name in REQUIRED_ROOT:
        if name not in entries:
            report.add("", None, f"has no {name}, which every restore reads", REMAKE)
    settings = {_text(s, "name"): _text(s, "value") for s in info.iterfind("settings/setting")}
    if settings.get("activities") != "1":
        report.add("moodle_backup.xml", None, "its setting 'activities' is not 1: Moodle would restore no activity",
                   REMAKE)
    _check_contents(report, entries, trees, info, kind, settings)
    rows = _check_pool(report, entries, trees.get("files.xml"))
    activities = list(info.iterfind("contents/activities/activity"))
    scorm = 0
    for activity in activities:
        folder = _text(activity, "directory")
        if _text(activity, "modulename") == "scorm" and trees.get(f"{folder}/scorm.xml") is not None:
            scorm += 1
            _check_scorm(report, entries, trees, folder, rows, check_zip)
    _check_index(report, entries)
    plural = "activity" if len(activities) == 1 else "activities"
    kind = kind if kind in KINDS else "unrecognised"  # the kind is printed as it is: nothing of the file's own
    report.kind = (f"Moodle {kind} backup, {len(activities)} SCORM {plural}" if scorm == len(activities)
                   else f"Moodle {kind} backup, {len(activities)} {plural} ({scorm} SCORM)")


def _check_contents(report, entries, trees, info, kind: str, settings: dict) -> None:
    """The folders moodle_backup.xml lists, and what restore reads from each."""
    sections = {}
    for section in info.iterfind("contents/sections/section"):
        folder = _text(section, "directory")
        sections[_text(section, "sectionid")] = folder
        if f"{folder}/section.xml" not in entries:
            report.add("moodle_backup.xml", section.sourceline, f"lists the section folder {folder!r}, "
                       f"which has no section.xml", REMAKE)
    if kind == "course":
        for name in ["course.xml", "roles.xml"] + [f for s, f in COURSE_BY_SETTING.items() if settings.get(s) == "1"]:
            if f"course/{name}" not in entries:
                report.add("", None, f"has no course/{name}, which restoring this course reads", REMAKE)
    if kind == "course":
        _check_enrolment_roles(report, trees)
    folders = {folder.rsplit("/", 1)[-1] for folder in sections.values()}
    for activity in info.iterfind("contents/activities/activity"):
        folder, module = _text(activity, "directory"), _text(activity, "modulename")
        folders.add(folder.rsplit("/", 1)[-1])
        needed = ["module.xml", f"{module}.xml", "roles.xml", "grades.xml"]
        needed += [f for s, f in ACTIVITY_BY_SETTING.items() if settings.get(s) == "1"]
        for name in needed:
            if f"{folder}/{name}" not in entries:
                report.add("moodle_backup.xml", activity.sourceline, f"lists the activity folder {folder!r}, "
                           f"which has no {name}", REMAKE)
        module_xml = trees.get(f"{folder}/module.xml")
        if module_xml is not None and module_xml.get("id") != _text(activity, "moduleid"):
            report.add(f"{folder}/module.xml", module_xml.sourceline, f"is module {module_xml.get('id')!r}, but "
                       f"moodle_backup.xml lists it as {_text(activity, 'moduleid')!r}", REMAKE)
        if kind == "course" and _text(activity, "sectionid") not in sections:
            report.add("moodle_backup.xml", activity.sourceline, f"the activity in {folder!r} is in section "
                       f"{_text(activity, 'sectionid')!r}, which the backup does not list: Moodle would leave it out "
                       "without a word", REMAKE)
    for setting in info.iterfind("settings/setting"):
        level = _text(setting, "level")
        if level in ("section", "activity") and _text(setting, level) not in folders:
            report.add("moodle_backup.xml", setting.sourceline, f"the setting {_text(setting, 'name')!r} belongs to "
                       f"{_text(setting, level)!r}, which is no folder the backup lists", REMAKE)


def _check_enrolment_roles(report, trees) -> None:
    """Restored with "Include enrolment methods", each method's role is mapped through roles.xml, which
    restore loads only for roles course/inforef.xml names (restore_roles_parser_processor)."""
    enrolments, roles, inforef = (trees.get(n) for n in ("course/enrolments.xml", "roles.xml", "course/inforef.xml"))
    if enrolments is None or roles is None:
        return
    defined = {role.get("id") for role in roles.iterfind("role")}
    named = {_text(role, "id") for role in inforef.iterfind("roleref/role")} if inforef is not None else set()
    for enrol in enrolments.iterfind("enrols/enrol"):
        role = _text(enrol, "roleid")
        if role not in ("", "0", "$@NULL@$") and not (role in defined and role in named):
            report.add("course/enrolments.xml", enrol.sourceline, f"the {_text(enrol, 'enrol')!r} enrolment method "
                       f"gives role {role}, which roles.xml does not define or course/inforef.xml does not name: "
                       "restored with its enrolment methods, the course would enrol learners without a role", REMAKE)


def _check_pool(report, entries, files_xml) -> list:
    """Every file row against its pool file; returns the rows (element, fields)."""
    rows, checked = [], set()
    if files_xml is None:
        return rows
    for row in files_xml.iterfind("file"):
        fields = {child.tag: (child.text or "") for child in row}
        fields["id"] = row.get("id", "")
        rows.append((row, fields))
        if fields.get("filename") == "." or fields.get("repositoryid", "$@NULL@$") not in ("", "$@NULL@$"):
            continue
        if (fields.get("contenthash"), fields.get("filesize")) in checked:
            continue  # one content, several files (the same player in every language): named once
        checked.add((fields.get("contenthash"), fields.get("filesize")))
        shown = f"{fields.get('component')}/{fields.get('filearea')}{fields.get('filepath')}{fields.get('filename')}"
        contenthash = fields.get("contenthash", "")
        data = entries.get(pool_path(contenthash)) if len(contenthash) == 40 else None
        if data is None:
            report.add("files.xml", row.sourceline, f"lists {shown}, whose content {pool_path(contenthash)!r} is not "
                       "in the backup: Moodle would restore the activity without it", REMAKE)
        elif hashlib.sha1(data).hexdigest() != contenthash:
            report.add(pool_path(contenthash), None, f"(the content of {shown}) is damaged: its sha1 is "
                       f"{hashlib.sha1(data).hexdigest()}", REMAKE)
        elif fields.get("filesize") != str(len(data)):
            report.add("files.xml", row.sourceline, f"gives {shown} {fields.get('filesize')!r} bytes, but its content "
                       f"has {len(data)}", REMAKE)
    return rows


def _check_scorm(report, entries, trees, folder: str, rows: list, check_zip: ZipCheck) -> None:
    activity = trees[f"{folder}/scorm.xml"]
    scorm = activity.find("scorm")
    where = f"{folder}/scorm.xml"
    if scorm is None:
        report.add(where, activity.sourceline, "has no <scorm>", REMAKE)
        return
    context = activity.get("contextid")
    mine = [(row, f) for row, f in rows if f.get("contextid") == context and f.get("component") == "mod_scorm"]
    inforef = trees.get(f"{folder}/inforef.xml")
    listed = {(i.text or "").strip() for i in inforef.iterfind("fileref/file/id")} if inforef is not None else set()
    unlisted = [f["id"] for _, f in mine if f["id"] not in listed]
    if unlisted:
        report.add(f"{folder}/inforef.xml", None, f"does not name {len(unlisted)} of the activity's files (ids "
                   f"{', '.join(unlisted[:5])}{'…' if len(unlisted) > 5 else ''}): Moodle would drop them", REMAKE)
    reference = _text(scorm, "reference")
    package = [f for _, f in mine if f.get("filearea") == "package" and f.get("filepath") == "/"
               and f.get("filename") == reference]
    if not package:
        report.add(where, scorm.sourceline, f"its package {reference!r} is not among its files in files.xml: Moodle "
                   "would find no package", REMAKE)
        return
    contenthash = package[0].get("contenthash", "")
    if _text(scorm, "sha1hash") not in ("", contenthash):
        report.add(where, scorm.find("sha1hash").sourceline, f"sha1hash is not the package's ({contenthash}): "
                   "Moodle would unpack the package again the first time the settings are saved", REMAKE)
    zip_bytes = entries.get(pool_path(contenthash)) if len(contenthash) == 40 else None
    if zip_bytes is None or hashlib.sha1(zip_bytes).hexdigest() != contenthash:
        return  # named by the pool check
    check_zip(reference, zip_bytes)
    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
            members = {info.filename: hashlib.sha1(zf.read(info)).hexdigest() for info in zf.infolist()
                       if not info.filename.endswith("/")}
            manifest = zf.read("imsmanifest.xml") if "imsmanifest.xml" in members else None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return  # named by the zip check
    content = {f["filepath"][1:] + f["filename"]: f.get("contenthash") for _, f in mine
               if f.get("filearea") == "content" and f.get("filename") != "."}
    if content != members:
        differ = sorted({name for name, _ in set(content.items()) ^ set(members.items())})
        report.add("files.xml", None, f"the unpacked content of {reference!r} is not the zip's "
                   f"({', '.join(differ[:5])}{'…' if len(differ) > 5 else ''} differ): Moodle's "
                   "player shows the unpacked content, not the zip", REMAKE)
    scoes = list(scorm.iterfind("scoes/sco"))
    launchable = {sco.get("id") for sco in scoes if _text(sco, "launch")}
    if not launchable:
        report.add(where, scorm.sourceline, "has no SCO with a start page (launch): Moodle's player would have "
                   "nothing to open", REMAKE)
    if manifest is not None and _text(scorm, "version") == "SCORM_1.2":
        try:
            expected = [(s.identifier, s.parent, s.launch, s.scormtype) for s in scoes_from_manifest(manifest)]
        except etree.XMLSyntaxError:
            return  # named by the zip check
        written = [(_text(s, "identifier"), _text(s, "parent"), _text(s, "launch"), _text(s, "scormtype"))
                   for s in scoes]
        if written != expected:
            report.add(where, scorm.sourceline, f"its SCOs ({_scoes(written)}) are not those Moodle reads from the "
                       f"package's imsmanifest.xml ({_scoes(expected)}): Moodle's player opens what the backup says",
                       REMAKE)


def _scoes(rows: list[tuple]) -> str:
    return ", ".join(f"{identifier} in {parent}" + (f" launching {launch} ({kind})" if launch else "")
                     for identifier, parent, launch, kind in rows)


def _check_index(report, entries) -> None:
    """`.ARCHIVE_INDEX` lists every other entry, folders too (Moodle's tgz reader trusts it for the list)."""
    index = entries.get(".ARCHIVE_INDEX")
    if index is None:
        return
    first, *lines = index.decode("utf-8", "replace").split("\n")
    listed = set()
    for line in filter(None, lines):
        name, kind, size, *_ = line.split("\t") + ["", "", ""]
        listed.add((name, "d" if kind == "d" else size))
    actual = {(name, "d" if name.endswith("/") else str(len(data))) for name, data in entries.items()
              if name != ".ARCHIVE_INDEX"}
    if first != f"Moodle archive file index. Count: {len(actual)}" or listed != actual:
        differ = sorted(listed ^ actual)
        report.add(".ARCHIVE_INDEX", None, f"does not list the backup's {len(actual)} entries as they are "
                   f"({', '.join(n for n, _ in differ[:3]) or first}{'…' if len(differ) > 3 else ''})", REMAKE)
