"""Moodle backups (.mbz) of SCORM activities: a whole course, or one activity, as Moodle 4.5 writes them.

What Moodle 4.5.6's code requires, and this module keeps to (docs/moodle.md, "Restore instead of upload"):
- a gzipped POSIX ustar tar (lib/filestorage/tgz_packer.php), `.ARCHIVE_INDEX` first;
- XML as backup/util/xml/xml_writer.class.php writes it: 2-space indent, `<a></a>`, NULL as the text
  `$@NULL@$`; `moodle_backup.xml` opens with `<moodle_backup>` and `<information>` within its first
  200 bytes, or restore takes it for another format (convert_helper::detect_moodle2_format);
- ids are the backup's own: restore maps every one, so they only have to agree with each other
  (the activity's context id with its files' rows, every file row with the activity's inforef.xml);
- a SCORM activity is restored as written, never parsed again (restore_scorm_stepslib.php): the
  package zip, its unpacked `content` file area and the SCO rows all come from the backup.
Everything not taken from the unit is a constant, so the same unit gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

NULL = "$@NULL@$"  # restore_structure_parser_processor::process_cdata reads this text as NULL
BACKUP_VERSION = 2024100700  # backup/backup.class.php of Moodle 4.5
BACKUP_RELEASE = "4.5"
# made as by Moodle 4.5.0: a site older than the maker warns before restoring (noticenewerbackup); no 4.5.x does
MOODLE_VERSION = 2024100700
MOODLE_RELEASE = "4.5 (Build: 20241007)"
SCORM_MODULE_VERSION = 2024100700  # mod/scorm/version.php in 4.5

TIME = 1577836800  # 2020-01-01 00:00 UTC: every time in the backup, as in the zips (zipper.FIXED_TIME)
DIRECTORY_TIME = 1356998400  # tgz_packer::DEFAULT_TIMESTAMP, what Moodle gives directories and the index
SITE = "https://qser.invalid"  # never a real site: restore treats the backup as coming from elsewhere
SYSTEM_CONTEXT, COURSE_ID, COURSE_CONTEXT = 1, 1, 2
SECTIONS = ((1, 0), (2, 1))  # (id, number): the course's general section, and the one holding the activities
ACTIVITY_SECTION, ACTIVITY_SECTION_NUMBER = SECTIONS[1]
GRADE_CATEGORY, COURSE_GRADE_ITEM = 1, 1
STUDENT_ROLE = 5  # the role the enrolment methods give: restore maps it to the site's 'student'

COMPLETION_PASSED, COMPLETION_COMPLETED = 2, 4  # mod/scorm/lib.php scorm_status_options(): bits
EMPTY_SHA1 = hashlib.sha1(b"").hexdigest()  # a directory row's content hash

# lib/classes/filetypes.php: the types Moodle records for what a package holds; the rest 'document/unknown'
MIMETYPES = {"html": "text/html", "htm": "text/html", "css": "text/css", "js": "application/x-javascript",
             "json": "application/json", "xml": "application/xml", "xsd": "application/xml",
             "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
             "gif": "image/gif", "txt": "text/plain", "zip": "application/zip", "mp3": "audio/mp3",
             "mp4": "video/mp4", "vtt": "text/vtt"}

# Root settings as Moodle 4.5 writes them for a backup without users (the fixture's); `imscc11`
# only in course backups (backup_root_task).
ROOT_SETTINGS = (("imscc11", 0), ("users", 0), ("anonymize", 0), ("role_assignments", 1), ("activities", 1),
                 ("blocks", 1), ("files", 1), ("filters", 1), ("comments", 1), ("badges", 1),
                 ("calendarevents", 1), ("userscompletion", 1), ("logs", 0), ("grade_histories", 0),
                 ("questionbank", 1), ("groups", 1), ("competencies", 1), ("customfield", 1),
                 ("contentbankcontent", 1), ("xapistate", 1), ("legacyfiles", 1))


@dataclass(frozen=True)
class Course:
    shortname: str
    fullname: str
    summary: str  # HTML


@dataclass(frozen=True)
class ScormActivity:
    name: str  # on the course page and in the gradebook
    intro: str  # HTML
    package_name: str  # the zip's file name: Moodle finds the package by it (scorm.reference)
    package: bytes  # a SCORM 1.2 zip
    completion_status: int  # COMPLETION_PASSED or COMPLETION_COMPLETED


# ---- XML as Moodle writes it ----

def _e(name: str, body=(), **attributes) -> tuple:
    """An element: `body` a list of elements, or a text (str or int; None is NULL)."""
    return name, attributes, list(body) if isinstance(body, (list, tuple)) else body


def _fields(**values) -> list[tuple]:
    """Text elements in the order given."""
    return [_e(name, value) for name, value in values.items()]


def _text(value) -> str:
    if value is None:
        return NULL
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml(root: tuple) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']

    def write(node, depth):
        name, attributes, body = node
        pad = "  " * depth
        attrs = "".join(f' {k}="{_text(v).replace(chr(34), "&quot;")}"' for k, v in attributes.items())
        if isinstance(body, list):
            lines.append(f"{pad}<{name}{attrs}>")
            for child in body:
                write(child, depth + 1)
            lines.append(f"{pad}</{name}>")
        else:
            lines.append(f"{pad}<{name}{attrs}>{_text(body)}</{name}>")

    write(root, 0)
    return "\n".join(lines).encode("utf-8")


# ---- SCORM: the rows Moodle would have made from the manifest ----

@dataclass(frozen=True)
class Sco:
    """A row of scorm_scoes, and its scorm_scoes_data (name, value) in Moodle's order."""
    manifest: str
    organization: str
    parent: str
    identifier: str
    launch: str
    scormtype: str
    title: str
    data: tuple[tuple[str, str], ...] = ()


SCORM12_ITEM_DATA = ("prerequisites", "maxtimeallowed", "timelimitaction", "datafromlms", "masteryscore")


def scoes_from_manifest(manifest: bytes) -> list[Sco]:
    """The SCO rows Moodle's scorm_parse_scorm makes of a SCORM 1.2 imsmanifest.xml
    (mod/scorm/datamodels/scormlib.php, scorm_get_manifest): every organization first, then each
    organization's items in document order. Items' data: isvisible, parameters, then the adlcp
    elements they hold."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(manifest, parser)

    def local(el) -> str:
        return etree.QName(el).localname.lower() if isinstance(el.tag, str) else ""

    def children(el, name):
        return [c for c in el if local(c) == name]

    def title(el) -> str:
        found = children(el, "title")
        return (found[0].text or "") if found else ""

    manifest_id = root.get("identifier", "")
    resources = {}
    for holder in children(root, "resources"):
        for resource in children(holder, "resource"):
            scormtype = next((v for k, v in resource.attrib.items() if k.lower().endswith("scormtype")), "") or "asset"
            base = resource.get("{http://www.w3.org/XML/1998/namespace}base", "")
            resources[resource.get("identifier")] = (base + (resource.get("href") or ""), scormtype)
    organizations, items = [], []

    def walk(parent_el, organization: str, parent: str) -> None:
        for item in children(parent_el, "item"):
            ref = item.get("identifierref")
            launch, scormtype = resources.get(ref, ("", "asset")) if ref else ("", "asset")
            data = [("isvisible", item.get("isvisible", "true")), ("parameters", item.get("parameters", ""))]
            for child in item:
                name = local(child)
                if name in SCORM12_ITEM_DATA and (name != "prerequisites" or child.get("type") == "aicc_script"):
                    data.append((name, child.text or ""))
            items.append(Sco(manifest_id, organization, parent, item.get("identifier", ""), launch, scormtype,
                             title(item), tuple(data)))
            walk(item, organization, item.get("identifier", ""))

    for holder in children(root, "organizations"):
        for org in children(holder, "organization"):
            identifier = org.get("identifier", "")
            organizations.append(Sco(manifest_id, "", "/", identifier, "", "", title(org)))
            walk(org, identifier, identifier)
    return organizations + items


# ---- Files: file rows, and the pool of contents by sha1 ----

def mimetype(filename: str) -> str:
    return MIMETYPES.get(PurePosixPath(filename).suffix.lower().lstrip("."), "document/unknown")


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def pool_path(contenthash: str) -> str:
    """backup_file_manager::get_backup_content_file_location."""
    return f"files/{contenthash[:2]}/{contenthash}"


@dataclass(frozen=True)
class FileRow:
    id: int
    context: int
    filearea: str
    filepath: str  # '/', '/media/', ...
    filename: str  # '.' for a directory
    contenthash: str
    size: int

    def element(self) -> tuple:
        directory = self.filename == "."
        return _e("file", _fields(
            contenthash=self.contenthash, contextid=self.context, component="mod_scorm", filearea=self.filearea,
            itemid=0, filepath=self.filepath, filename=self.filename, userid=None, filesize=self.size,
            mimetype=None if directory else mimetype(self.filename), status=0, timecreated=TIME, timemodified=TIME,
            source=None, author=None, license=None, sortorder=0, repositorytype=None, repositoryid=None,
            reference=None), id=self.id)


def area_rows(files: dict[str, bytes], next_id, context: int, filearea: str) -> list[FileRow]:
    """`files` (path -> bytes) as Moodle stores a file area: a '.' row per directory, then its files."""
    folders: dict[str, list[tuple[str, bytes]]] = {"/": []}
    for path, data in files.items():
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/" + "/".join(parts[:depth]) + "/", [])
        folders["/" + "".join(p + "/" for p in parts[:-1])].append((parts[-1], data))
    rows = []
    for folder in sorted(folders):
        rows.append(FileRow(next_id(), context, filearea, folder, ".", EMPTY_SHA1, 0))
        rows += [FileRow(next_id(), context, filearea, folder, name, sha1(data), len(data))
                 for name, data in sorted(folders[folder])]
    return rows


# ---- The backup ----

class _Counter:
    def __init__(self) -> None:
        self.last = 0

    def __call__(self) -> int:
        self.last += 1
        return self.last


def _empty(name: str, *containers: str) -> bytes:
    return xml(_e(name, [_e(c, []) for c in containers]))


def _scorm_xml(activity: ScormActivity, instance: int, cmid: int, context: int, scoes: list[tuple[int, Sco, list]],
               launch: int) -> bytes:
    sco_elements = [_e("sco", _fields(
        manifest=sco.manifest, organization=sco.organization, parent=sco.parent, identifier=sco.identifier,
        launch=sco.launch, scormtype=sco.scormtype, title=sco.title, sortorder=order) + [
        _e("sco_datas", [_e("sco_data", _fields(name=n, value=v), id=i) for i, (n, v) in data_ids]),
        _e("seq_ruleconds", []), _e("seq_rolluprules", []), _e("seq_objectives", []), _e("sco_tracks", [])],
        id=sco_id) for order, (sco_id, sco, data_ids) in enumerate(scoes, 1)]
    # The settings of docs/moodle.md, "Settings that fit"; the others Moodle's defaults.
    scorm = _e("scorm", _fields(
        name=activity.name, scormtype="local", reference=activity.package_name, intro=activity.intro, introformat=1,
        version="SCORM_1.2", maxgrade=100, grademethod=1, whatgrade=0, maxattempt=0, forcecompleted=0,
        forcenewattempt=0, lastattemptlock=0, masteryoverride=1, displayattemptstatus=1, displaycoursestructure=0,
        updatefreq=0, sha1hash=sha1(activity.package), md5hash="", revision=1, launch=launch, skipview=2,
        hidebrowse=0, hidetoc=1, nav=1, navpositionleft=-100, navpositiontop=-100, auto=0, popup=0, options="",
        width=100, height=500, timeopen=0, timeclose=0, timemodified=0,
        completionstatusrequired=activity.completion_status, completionscorerequired=None,
        completionstatusallscos=0, autocommit=0) + [_e("scoes", sco_elements)], id=instance)
    return xml(_e("activity", [scorm], id=instance, moduleid=cmid, modulename="scorm", contextid=context))


def _module_xml(cmid: int) -> bytes:
    return xml(_e("module", _fields(
        modulename="scorm", sectionid=ACTIVITY_SECTION, sectionnumber=ACTIVITY_SECTION_NUMBER, idnumber="",
        added=TIME, score=0, indent=0, visible=1, visibleoncoursepage=1, visibleold=1, groupmode=0, groupingid=0,
        completion=2, completiongradeitemnumber=None, completionpassgrade=0, completionview=0, completionexpected=0,
        availability=None, showdescription=0, downloadcontent=1, lang=None) + [_e("tags", [])],
        id=cmid, version=SCORM_MODULE_VERSION))


def _grade_fields(categoryid, itemname, itemtype, itemmodule, iteminstance, itemnumber, idnumber, aggregationcoef2,
                  sortorder) -> list[tuple]:
    return _fields(categoryid=categoryid, itemname=itemname, itemtype=itemtype, itemmodule=itemmodule,
                   iteminstance=iteminstance, itemnumber=itemnumber, iteminfo=None, idnumber=idnumber,
                   calculation=None, gradetype=1, grademax="100.00000", grademin="0.00000", scaleid=None,
                   outcomeid=None, gradepass="0.00000", multfactor="1.00000", plusfactor="0.00000",
                   aggregationcoef="0.00000", aggregationcoef2=aggregationcoef2, weightoverride=0,
                   sortorder=sortorder, display=0, decimals=None, hidden=0, locked=0, locktime=0, needsupdate=0,
                   timecreated=TIME, timemodified=TIME) + [_e("grade_grades", [])]


class _Backup:
    """The files of one backup, its ids handed out in order."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.file_rows: list[FileRow] = []
        self.file_id, self.sco_id, self.sco_data_id = _Counter(), _Counter(), _Counter()

    def add_activity(self, activity: ScormActivity, number: int) -> tuple[int, str]:
        """activities/scorm_<n>/ for the `number`th activity; returns its course module id and folder."""
        cmid = instance = number
        context = COURSE_CONTEXT + number
        grade_item = COURSE_GRADE_ITEM + number
        with zipfile.ZipFile(io.BytesIO(activity.package)) as zf:
            content = {name: zf.read(name) for name in zf.namelist() if not name.endswith("/")}
        rows = area_rows({activity.package_name: activity.package}, self.file_id, context, "package")
        rows += area_rows(content, self.file_id, context, "content")
        self.file_rows += rows
        for row in rows:
            if row.filename != ".":
                data = activity.package if row.filearea == "package" else content[row.filepath[1:] + row.filename]
                self.files[pool_path(row.contenthash)] = data
        scoes = []
        for sco in scoes_from_manifest(content["imsmanifest.xml"]):
            scoes.append((self.sco_id(), sco, [(self.sco_data_id(), pair) for pair in sco.data]))
        launch = next(sco_id for sco_id, sco, _ in scoes if sco.launch)
        folder = f"activities/scorm_{cmid}"
        grades = _e("activity_gradebook", [
            _e("grade_items", [_e("grade_item", _grade_fields(GRADE_CATEGORY, activity.name, "mod", "scorm", instance,
                                                              0, "", "1.00000", 1 + number), id=grade_item)]),
            _e("grade_letters", [])])
        inforef = _e("inforef", [_e("fileref", [_e("file", _fields(id=row.id)) for row in rows]),
                                 _e("grade_itemref", [_e("grade_item", _fields(id=grade_item))])])
        self.files.update({
            f"{folder}/module.xml": _module_xml(cmid),
            f"{folder}/scorm.xml": _scorm_xml(activity, instance, cmid, context, scoes, launch),
            f"{folder}/grades.xml": xml(grades),
            f"{folder}/inforef.xml": xml(inforef),
            f"{folder}/roles.xml": _empty("roles", "role_overrides", "role_assignments"),
            f"{folder}/completion.xml": _empty("completions", "completionviews"),
            f"{folder}/filters.xml": _empty("filters", "filter_actives", "filter_configs"),
            f"{folder}/comments.xml": _empty("comments"),
            f"{folder}/competencies.xml": _empty("course_module_competencies", "competencies"),
            f"{folder}/calendar.xml": _empty("events"),
            f"{folder}/xapistate.xml": _empty("states"),
            f"{folder}/grade_history.xml": _empty("grade_history", "grade_grades"),
        })
        return cmid, folder

    def add_root(self, with_course: bool) -> None:
        """The files every backup has at its root; a course backup adds the gradebook, course completion,
        and the role its enrolment methods give (restore maps a method's role through roles.xml, and
        loads only roles the course's inforef.xml names: restore_roles_parser_processor)."""
        roles = [_e("role", _fields(name="", shortname="student", nameincourse=None, description="", sortorder=5,
                                    archetype="student"), id=STUDENT_ROLE)] if with_course else []
        self.files.update({
            "files.xml": xml(_e("files", [row.element() for row in self.file_rows])),
            "roles.xml": xml(_e("roles_definition", roles)),
            "questions.xml": _empty("question_categories"),
            "groups.xml": xml(_e("groups", [_e("groupcustomfields", []), _e("groupings", [_e("groupingcustomfields", [])])])),
            "scales.xml": _empty("scales_definition"),
            "outcomes.xml": _empty("outcomes_definition"),
            "badges.xml": _empty("badges"),
        })
        if with_course:
            self.files["completion.xml"] = _empty("course_completion")
            self.files["grade_history.xml"] = _empty("grade_history", "grade_grades")

    def add_gradebook(self) -> None:
        category = _e("grade_category", _fields(
            parent=None, depth=1, path=f"/{GRADE_CATEGORY}/", fullname="?", aggregation=13, keephigh=0, droplow=0,
            aggregateonlygraded=1, aggregateoutcomes=0, timecreated=TIME, timemodified=TIME, hidden=0),
            id=GRADE_CATEGORY)
        course_item = _e("grade_item", _grade_fields(None, None, "course", None, GRADE_CATEGORY, None, None,
                                                     "0.00000", 1), id=COURSE_GRADE_ITEM)
        self.files["gradebook.xml"] = xml(_e("gradebook", [
            _e("attributes", []), _e("grade_categories", [category]), _e("grade_items", [course_item]),
            _e("grade_letters", []),
            _e("grade_settings", [_e("grade_setting", _fields(name="minmaxtouse", value=1), id="")])]))

    def add_course(self, course: Course, sequence: list[int]) -> None:
        self.files.update({
            "course/course.xml": xml(_e("course", _fields(
                shortname=course.shortname, fullname=course.fullname, idnumber="", summary=course.summary,
                summaryformat=1, format="topics", showgrades=1, newsitems=0, startdate=TIME, enddate=0, marker=0,
                maxbytes=0, legacyfiles=0, showreports=0, visible=1, groupmode=0, groupmodeforce=0,
                defaultgroupingid=0, lang="", theme="", timecreated=TIME, timemodified=TIME, requested=0,
                showactivitydates=0, showcompletionconditions=1, pdfexportfont=None, enablecompletion=1,
                completionnotify=0) + [
                _e("category", _fields(name="?", description=None), id=1),  # restore ignores it
                _e("tags", []), _e("customfields", []),
                _e("courseformatoptions", [
                    _e("courseformatoption", _fields(format="topics", sectionid=0, name=name, value=value))
                    for name, value in (("hiddensections", 1), ("coursedisplay", 0))])],
                id=COURSE_ID, contextid=COURSE_CONTEXT)),
            # read only when the restorer keeps enrolment methods: then these three, as a new course has
            "course/enrolments.xml": xml(_e("enrolments", [_e("enrols", [
                _enrol(1, "manual", 0, 86400, None, STUDENT_ROLE, {"customint1": 1}),
                _enrol(2, "guest", 1, 0, "", 0, {}),
                _enrol(3, "self", 1, 86400, None, STUDENT_ROLE, {"customint1": 0, "customint2": 0, "customint3": 0,
                                                                 "customint4": 1, "customint5": 0, "customint6": 1})])])),
            "course/roles.xml": _empty("roles", "role_overrides", "role_assignments"),
            "course/inforef.xml": xml(_e("inforef", [_e("roleref", [_e("role", _fields(id=STUDENT_ROLE))])])),
            "course/completiondefaults.xml": _empty("course_completion_defaults"),
            "course/filters.xml": _empty("filters", "filter_actives", "filter_configs"),
            "course/comments.xml": _empty("comments"),
            "course/contentbank.xml": _empty("contents"),
            "course/competencies.xml": _empty("course_competencies", "competencies", "user_competencies"),
            "course/calendar.xml": _empty("events"),
        })
        for section_id, number in SECTIONS:
            folder = f"sections/section_{section_id}"
            self.files[f"{folder}/section.xml"] = xml(_e("section", _fields(
                number=number, name=None, summary="", summaryformat=1,
                sequence=",".join(map(str, sequence)) if section_id == ACTIVITY_SECTION else "", visible=1,
                availabilityjson=None, component=None, itemid=None, timemodified=TIME), id=section_id))
            self.files[f"{folder}/inforef.xml"] = xml(_e("inforef", []))

    def add_main(self, kind: str, filename: str, course: Course, activities: list[tuple[int, str, str]],
                 with_course: bool) -> None:
        """moodle_backup.xml: what the backup holds and the settings it was made with."""
        contents = [_e("activities", [_e("activity", _fields(
            moduleid=cmid, sectionid=ACTIVITY_SECTION, modulename="scorm", title=title, directory=folder,
            insubsection="")) for cmid, folder, title in activities])]
        settings = [_setting("root", None, "filename", filename)]
        settings += [_setting("root", None, name, value) for name, value in ROOT_SETTINGS
                     if with_course or name != "imscc11"]
        if with_course:
            contents.append(_e("sections", [_e("section", _fields(
                sectionid=section_id, title=str(number), directory=f"sections/section_{section_id}", parentcmid="",
                modname="")) for section_id, number in SECTIONS]))
            contents.append(_e("course", _fields(courseid=COURSE_ID, title=course.shortname, directory="course")))
            for section_id, _ in SECTIONS:
                settings += [_setting("section", f"section_{section_id}", f"section_{section_id}_{what}", value)
                             for what, value in (("included", 1), ("userinfo", 0))]
        for cmid, folder, _ in activities:
            settings += [_setting("activity", f"scorm_{cmid}", f"scorm_{cmid}_{what}", value)
                         for what, value in (("included", 1), ("userinfo", 0))]
        information = _fields(
            name=filename, moodle_version=MOODLE_VERSION, moodle_release=MOODLE_RELEASE,
            backup_version=BACKUP_VERSION, backup_release=BACKUP_RELEASE, backup_date=TIME, mnet_remoteusers=0,
            include_files=1, include_file_references_to_external_content=0, original_wwwroot=SITE,
            original_site_identifier_hash=hashlib.md5(SITE.encode()).hexdigest(), original_course_id=COURSE_ID,
            original_course_format="topics", original_course_fullname=course.fullname,
            original_course_shortname=course.shortname, original_course_startdate=TIME, original_course_enddate=0,
            original_course_contextid=COURSE_CONTEXT, original_system_contextid=SYSTEM_CONTEXT) + [
            _e("details", [_e("detail", _fields(type=kind, format="moodle2", interactive=1, mode=10, execution=1,
                                                executiontime=0), backup_id=hashlib.md5(filename.encode()).hexdigest())]),
            _e("contents", contents), _e("settings", settings)]
        self.files["moodle_backup.xml"] = xml(_e("moodle_backup", [_e("information", information)]))


def _enrol(enrol_id: int, method: str, status: int, expirythreshold: int, password, roleid: int, custom: dict) -> tuple:
    values = {f"customint{n}": custom.get(f"customint{n}") for n in range(1, 9)}
    values.update({f"customchar{n}": None for n in range(1, 4)})
    values.update({f"customdec{n}": None for n in range(1, 3)})
    values.update({f"customtext{n}": None for n in range(1, 5)})
    return _e("enrol", _fields(enrol=method, status=status, name=None, enrolperiod=0, enrolstartdate=0,
                               enrolenddate=0, expirynotify=0, expirythreshold=expirythreshold, notifyall=0,
                               password=password, cost=None, currency=None, roleid=roleid, **values,
                               timecreated=TIME, timemodified=TIME) + [_e("user_enrolments", [])], id=enrol_id)


def _setting(level: str, owner: str | None, name: str, value) -> tuple:
    owned = [_e(level, owner)] if owner else []
    return _e("setting", [_e("level", level), *owned, *_fields(name=name, value=value)])


def course_backup(course: Course, activities: list[ScormActivity], filename: str) -> bytes:
    """A course holding `activities` in its first section, with completion tracking on."""
    backup = _Backup()
    placed = []
    for number, activity in enumerate(activities, 1):
        cmid, folder = backup.add_activity(activity, number)
        placed.append((cmid, folder, activity.name))
    backup.add_root(with_course=True)
    backup.add_gradebook()
    backup.add_course(course, [cmid for cmid, _, _ in placed])
    backup.add_main("course", filename, course, placed, with_course=True)
    return tgz(backup.files)


def activity_backup(course: Course, activity: ScormActivity, filename: str) -> bytes:
    """One activity, for Restore into an existing course (restored into its section 1, else the first)."""
    backup = _Backup()
    cmid, folder = backup.add_activity(activity, 1)
    backup.add_root(with_course=False)
    backup.add_main("activity", filename, course, [(cmid, folder, activity.name)], with_course=False)
    return tgz(backup.files)


# ---- The container ----

def tgz(files: dict[str, bytes]) -> bytes:
    """`files` as Moodle's tgz_packer writes them: `.ARCHIVE_INDEX`, then every folder and file (sorted,
    so the same files give the same bytes), ustar headers without owner names, gzip without a time."""
    folders = {"/".join(path.split("/")[:depth]) + "/" for path in files for depth in range(1, path.count("/") + 1)}
    names = sorted([*files, *folders])
    index = [f"Moodle archive file index. Count: {len(names)}\n"]
    index += [f"{n}\td\t0\t?\n" if n.endswith("/") else f"{n}\tf\t{len(files[n])}\t{TIME}\n" for n in names]
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT, encoding="ascii") as tar:
        def add(name: str, data: bytes | None, mtime: int) -> None:
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = mtime, 0, 0, "", ""
            if data is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.mode, info.size = 0o644, len(data)
                tar.addfile(info, io.BytesIO(data))

        add(".ARCHIVE_INDEX", "".join(index).encode("ascii"), DIRECTORY_TIME)
        for name in names:
            add(name, None if name.endswith("/") else files[name], DIRECTORY_TIME if name.endswith("/") else TIME)
    # zlib's default level, as Moodle's gzopen(..., 'wb'): level 9 would save 0.5 % for half again the time
    return gzip.compress(raw.getvalue(), compresslevel=6, mtime=0)
