"""The SCORM part of `qser validate`: an imsmanifest.xml against the official XSDs of its edition
(SCORM 1.2, or SCORM 2004 4th edition), resources and files listed vs present, identifiers,
and the values an LMS grades from (1.2 masteryscore, 2004 minNormalizedMeasure)."""

from __future__ import annotations

import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .. import SCHEMAS

SCORM12_XSD_DIR = SCHEMAS / "scorm12edition"
SCORM2004_XSD_DIR = SCHEMAS / "scorm20044thedition"
IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCORM12_SCHEMAS = {IMSCP: "imscp_rootv1p1p2.xsd", ADLCP: "adlcp_rootv1p2.xsd", IMSMD: "imsmd_rootv1p2p1.xsd"}
IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
SCORM2004_SCHEMAS = {IMSCP_2004: "imscp_v1p1.xsd", "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
                     "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
                     "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd", IMSSS: "imsss_v1p0.xsd"}
IDENTIFIER = re.compile(r"^[\x21-\x7e]{1,255}$")


def _wrapper(folder: Path, schemas: dict[str, str]) -> etree.XMLSchema:
    imports = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{(folder / name).as_uri()}"/>'
                      for ns, name in schemas.items())
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


@lru_cache(maxsize=4)
def scorm12_schema(folder: Path = SCORM12_XSD_DIR) -> etree.XMLSchema:
    """The three SCORM 1.2 XSDs (and ims_xml.xsd they import) as one lxml schema.

    Two fixes make libxml2 accept the 2001 files; both change nothing for a valid manifest:
    ims_xml.xsd declares the XML namespace as its default namespace (libxml2 refuses that,
    and the file only declares attributes), and imsmd's extension point <any namespace="##any">
    after optional LOM elements breaks the unique particle attribution rule ("##other" is the
    usual reading, and stricter).
    """
    copy = Path(tempfile.mkdtemp(prefix="qser-scorm12-xsd-"))
    try:
        for xsd in folder.glob("*.xsd"):
            text = xsd.read_text("utf-8")
            if xsd.name == "ims_xml.xsd":
                text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "")
            if xsd.name == "imsmd_rootv1p2p1.xsd":
                text = text.replace('<xsd:any namespace="##any" processContents="strict"',
                                    '<xsd:any namespace="##other" processContents="strict"')
            (copy / xsd.name).write_text(text, "utf-8")
        return _wrapper(copy, SCORM12_SCHEMAS)
    finally:
        shutil.rmtree(copy, ignore_errors=True)


@lru_cache(maxsize=4)
def scorm2004_schema(folder: Path = SCORM2004_XSD_DIR) -> etree.XMLSchema:
    """The SCORM 2004 4th edition XSDs (content packaging, ADL CP/sequencing/navigation, IMS SS)
    as one lxml schema; libxml2 reads them unchanged."""
    return _wrapper(Path(folder), SCORM2004_SCHEMAS)


EDITIONS = {  # manifest namespace -> (name, schema file that must be there, loader, default folder)
    IMSCP: ("SCORM 1.2", "imscp_rootv1p1p2.xsd", scorm12_schema, SCORM12_XSD_DIR),
    IMSCP_2004: ("SCORM 2004 4th edition", "imscp_v1p1.xsd", scorm2004_schema, SCORM2004_XSD_DIR),
}


def check_scorm(report, manifest, names: dict, schema_dir: Path | None) -> None:
    """`report` gets every problem of an imsmanifest.xml (parsed: `manifest`) in a zip holding `names`."""
    namespace = etree.QName(manifest).namespace
    where = "imsmanifest.xml"
    if namespace not in EDITIONS:
        report.kind = "IMS content package"
        report.add(where, manifest.sourceline, f"has the root element {manifest.tag!r}, which no SCORM edition uses",
                   "a SCORM 1.2 manifest is in the namespace " + IMSCP + ", a SCORM 2004 one in " + IMSCP_2004)
        return
    edition, marker, load, default = EDITIONS[namespace]
    ns = {"cp": namespace, "adlcp": ADLCP, "imsss": IMSSS}
    version = manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns)
    report.kind = f"SCORM {version}" if version else "IMS content package"
    expected = "1.2" if namespace == IMSCP else "2004 4th Edition"
    if version != expected:
        report.notes.append(f"schemaversion {version!r}: checked as {edition} (schemaversion {expected!r})")
    folder = Path(schema_dir) if schema_dir else default
    if (folder / marker).exists():
        try:
            schema = load(folder)
        except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as e:
            report.add(where, None, f"cannot be checked against the {edition} schemas: the XSDs in {folder} "
                       f"cannot be read ({str(e)[:160]})", "point --schemas at the official XSDs, unchanged")
            schema = None
        if schema is not None and not schema.validate(manifest):
            for error in schema.error_log:
                report.add(where, error.line, f"does not match the {edition} schemas: {error.message}",
                           f"correct the manifest (see the {edition} content aggregation model)")
    else:
        report.add(where, None, f"cannot be checked against the {edition} schemas: no XSDs in {folder}",
                   "reinstall qser (its wheel carries them) or, in a checkout, run scripts/setup")
    _check_resources(report, manifest, names, ns)
    for item in manifest.iterfind(".//cp:item", ns):
        mastery = item.findtext("adlcp:masteryscore", namespaces=ns)
        if mastery is not None and not (mastery.strip().isdigit() and 0 <= int(mastery) <= 100):
            report.add(where, item.sourceline, f"masteryscore {mastery!r} is not a whole number from 0 to 100",
                       "Moodle compares it with score.raw (0-100)")
        for measure in item.iterfind("imsss:sequencing//imsss:minNormalizedMeasure", ns):
            if not _fraction(measure.text):
                report.add(where, measure.sourceline, f"minNormalizedMeasure {measure.text!r} is not from 0 to 1",
                           "the pass mark as a scaled score, e.g. 0.8 for 80%")


def _fraction(text: str | None) -> bool:
    try:
        return 0 <= float(text or "") <= 1
    except ValueError:
        return False


def _check_resources(report, manifest, names: dict, ns: dict) -> None:
    where = "imsmanifest.xml"
    resources = {r.get("identifier"): r for r in manifest.iterfind(".//cp:resource", ns)}
    listed = set()
    for rid, resource in resources.items():
        if not rid or not IDENTIFIER.match(rid):
            report.add(where, resource.sourceline, f"resource identifier {rid!r} is not a SCORM identifier",
                       "use printable ASCII without spaces")
        href = resource.get("href")
        if href and href.split("?")[0].split("#")[0] not in names:
            report.add(where, resource.sourceline, f"resource '{rid}' launches '{href}', which is not in the zip",
                       "add the file or correct href")
        for f in resource.iterfind("cp:file", ns):
            listed.add(f.get("href"))
            if f.get("href") not in names:
                report.add(where, f.sourceline, f"lists '{f.get('href')}', which is not in the zip",
                           "add the file or remove the <file> entry")
    for item in manifest.iterfind(".//cp:item", ns):
        ref = item.get("identifierref")
        if ref and ref not in resources:
            report.add(where, item.sourceline, f"item '{item.get('identifier')}' points to missing resource '{ref}'",
                       "point identifierref at a resource identifier")
    for name in sorted(set(names) - listed - {"imsmanifest.xml"}):
        if not name.endswith(".xsd"):
            report.add(name, None, "is in the zip but not listed in the manifest",
                       "list it as a <file> of its resource (LMSs may not serve unlisted files)")
