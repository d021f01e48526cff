"""Images an author's page uses: found only inside the unit's media/ folder, whatever links
lie on the way, and only when a browser can show them safely.

An SVG is a document that can run script when opened on its own (in the LMS's origin), so an
SVG with script, event handlers, embedded HTML or references outside itself is refused.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from lxml import etree

from ..errors import Problems
from ..model import Image

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
FIX = "put the image into the unit's media/ folder and use its name, e.g. ![alt](figure.svg) or ![alt](media/figure.svg)"
SVG_NS = "http://www.w3.org/2000/svg"
ACTIVE_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
HREF_ATTRS = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
EXTERNAL_CSS = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import|expression\s*\(|javascript:", re.I)


def media_name(src: str) -> str:
    """The file in media/ an image source names: markdown-it percent-encodes non-ASCII, './' means
    nothing, and 'media/x.svg' (the path from the unit folder) is the same as 'x.svg'."""
    pure = PurePosixPath(unquote(src))
    if len(pure.parts) > 1 and pure.parts[0] == "media":
        pure = PurePosixPath(*pure.parts[1:])
    return str(pure)


def resolve_image(problems: Problems, unit_folder: Path, path: Path, line: int, src: str) -> Image | None:
    """The Image `src` names, or None with the problem recorded."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith("//"):
        problems.add(path, line, f"image '{src}' is a web address; packages must work offline",
                     "download the image into the unit's media/ folder and use its file name")
        return None
    name = media_name(src)
    pure = PurePosixPath(name)
    if not src or pure.is_absolute() or ".." in pure.parts or "\\" in name or "\x00" in name or name == ".":
        problems.add(path, line, f"image path '{src}' leaves the unit's media/ folder", FIX)
        return None
    if pure.suffix.lower() not in IMAGE_TYPES:
        problems.add(path, line, f"image '{src}' is not a picture a browser shows (.png, .jpg, .gif, .webp, .svg, .avif)",
                     "convert it to PNG, JPEG or SVG, or link to the file instead of showing it as an image")
        return None
    # The whole chain of links is resolved: media/ itself may be a link to /etc.
    roots = ((unit_folder / "media", unit_folder.resolve()),)
    for base, allowed in roots:
        candidate = base / pure
        try:
            if not (candidate.exists() or candidate.is_symlink()):
                continue
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):  # a loop of links, a name too long, a broken link
            problems.add(path, line, f"image '{src}' cannot be read (a broken link or a loop of links)", FIX)
            return None
        if not real.is_relative_to(allowed):
            problems.add(path, line, f"image '{src}' is a link to a file outside the unit folder",
                         "copy the image into the unit's media/ folder instead of linking to it")
            return None
        try:
            info = real.stat()
        except OSError as e:
            problems.add(path, line, f"image '{src}' cannot be read ({e.strerror})", "check the file's permissions")
            return None
        if not stat.S_ISREG(info.st_mode):
            problems.add(path, line, f"image '{src}' is not a regular file (a folder, a pipe or a device)", FIX)
            return None
        if info.st_size > MAX_IMAGE_BYTES:
            problems.add(path, line, f"image '{src}' is too large ({info.st_size} bytes, at most {MAX_IMAGE_BYTES})",
                         "make it smaller: learners open packages on phones")
            return None
        if pure.suffix.lower() == ".svg":
            try:
                data = real.read_bytes()
            except OSError as e:
                problems.add(path, line, f"image '{src}' cannot be read ({e.strerror})", "check the file's permissions")
                return None
            why = svg_danger(data)
            if why:
                problems.add(path, line, f"image '{src}' is an SVG that {why}",
                             "save the figure again without scripts, event handlers or links to other files "
                             "(e.g. export as 'plain SVG'), or use a PNG")
                return None
        return Image(name=name, source=real, narrow=_companion(candidate, allowed, f"{candidate.stem}.narrow{candidate.suffix}"),
                     text=_companion(candidate, allowed, f"{candidate.stem}.text.md"))
    problems.add(path, line, f"image '{src}' not found in the unit's media/ folder", FIX)
    return None


def _companion(image: Path, allowed: Path, name: str) -> Path | None:
    """A figure's narrow layout or text version beside it: used only when it is a regular file
    inside the unit folder and, for an SVG, a plain picture."""
    path = image.with_name(name)
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(allowed) or not stat.S_ISREG(real.stat().st_mode) or real.stat().st_size > MAX_IMAGE_BYTES:
            return None
        if real.suffix.lower() == ".svg" and svg_danger(real.read_bytes()):
            return None
    except (OSError, RuntimeError):
        return None
    return real


def svg_danger(data: bytes) -> str | None:
    """Why this SVG may not go into a package, or None when it is a plain picture."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        return f"is not well-formed XML ({e.msg})"
    if root is None:
        return "is empty"
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or b"<!ENTITY" in data:
        return "declares a DTD or entities"
    if etree.QName(root).localname != "svg":
        return "has no <svg> root element"
    for el in root.iter():
        if not isinstance(el.tag, str):
            if isinstance(el, etree._ProcessingInstruction):
                return "holds a processing instruction"
            continue
        local = etree.QName(el).localname
        if local in ACTIVE_ELEMENTS:
            return f"holds a <{local}> element (line {el.sourceline})"
        if local == "style" and EXTERNAL_CSS.search(el.text or ""):
            return f"has a style that loads something from outside (line {el.sourceline})"
        for attr, value in el.attrib.items():
            aname = etree.QName(attr).localname.lower()
            if aname.startswith("on"):
                return f"has an event handler '{aname}' (line {el.sourceline})"
            if attr in HREF_ATTRS and not value.strip().startswith("#"):
                return f"refers to '{value[:80]}' outside itself (line {el.sourceline})"
            if aname == "style" and EXTERNAL_CSS.search(value):
                return f"has a style that loads something from outside (line {el.sourceline})"
            if local in ("animate", "set") and aname in ("attributename",) and value.lower() in ("href", "xlink:href"):
                return f"animates a link (line {el.sourceline})"
    return None
