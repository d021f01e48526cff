"""Images an author's page shows and files it links to: found only inside the unit's media/ folder,
whatever links lie on the way, spelled as the author wrote them (NFC or NFD; a near miss is named),
and only when a browser can show them safely. Images and links share one resolver.

An SVG is a document that can run script when opened on its own (in the LMS's origin), so an
SVG with script, event handlers, embedded HTML or references outside itself is refused.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from lxml import etree

from ..errors import Problems
from ..model import Image, LinkedFile

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"}
#: What a link may open besides pictures: documents, spreadsheets, slides, sound and video a
#: learner's device opens by itself (docs/authoring.md, "Links"). A web page or a script in a
#: package would run inside the learning platform's own site, so those are refused.
LINKED_TYPES = IMAGE_TYPES | {".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".ods", ".csv",
                              ".ppt", ".pptx", ".odp", ".epub", ".mp3", ".m4a", ".ogg", ".wav", ".mp4", ".webm"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024  # per file, pictures and linked files alike
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")  # links that stay as written and open beside the unit
FIX = "put the image into the unit's media/ folder and use its name, e.g. ![alt](figure.svg) or ![alt](media/figure.svg)"
LINK_FIX = "put the file into the unit's media/ folder and link to its name, e.g. [handout](handout.pdf)"
SVG_NS = "http://www.w3.org/2000/svg"
ACTIVE_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
HREF_ATTRS = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
EXTERNAL_CSS = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import|expression\s*\(|javascript:", re.I)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def media_name(src: str) -> str:
    """The file in media/ a source names, as the package stores it: markdown-it percent-encodes
    non-ASCII and spaces, './' means nothing, 'media/x.svg' (the path from the unit folder) is
    the same as 'x.svg', and a name typed on a Mac (NFD) is the same as one typed elsewhere (NFC)."""
    pure = PurePosixPath(unquote(src))
    if len(pure.parts) > 1 and pure.parts[0] == "media":
        pure = PurePosixPath(*pure.parts[1:])
    return unicodedata.normalize("NFC", str(pure))


def link_target(href: str) -> tuple[str, str]:
    """A link's file and what follows it: 'handout.pdf#page=3' -> ('handout.pdf', '#page=3')."""
    m = re.match(r"^([^?#]*)(?:\?[^#]*)?(#.*)?$", href)
    return m[1], m[2] or ""


def is_external(href: str) -> bool:
    m = SCHEME.match(href)
    return bool(m) and m[1].lower() in EXTERNAL_SCHEMES


def resolve_image(problems: Problems, unit_folder: Path, path: Path, line: int, src: str) -> Image | None:
    """The Image `src` names, or None with the problem recorded."""
    said = unquote(src)  # in messages, the name as the author wrote it
    if SCHEME.match(src) or src.startswith("//"):
        problems.add(path, line, f"image '{said}' is a web address; packages must work offline",
                     "download the image into the unit's media/ folder and use its file name")
        return None
    found = _find(problems, unit_folder, path, line, src, "image", IMAGE_TYPES, FIX)
    if found is None:
        return None
    name, candidate, real = found
    allowed = unit_folder.resolve()
    return Image(name=name, source=real, narrow=_companion(candidate, allowed, f"{candidate.stem}.narrow{candidate.suffix}"),
                 text=_companion(candidate, allowed, f"{candidate.stem}.text.md"))


def resolve_link(problems: Problems, unit_folder: Path, path: Path, line: int, href: str) -> LinkedFile | None:
    """The file in media/ a link opens, or None: for a web or mail address (it stays as written)
    and for a link that cannot work (the problem recorded)."""
    said = unquote(href)
    if is_external(href):
        return None
    if SCHEME.match(href) or href.startswith("//"):
        problems.add(path, line, f"link '{said}' uses '{SCHEME.match(href)[1] if SCHEME.match(href) else '//'}', "
                     "which a package does not open", "link to a web page (https://...), an e-mail address "
                     "(mailto:...) or a file in the unit's media/ folder")
        return None
    if not href.strip():
        problems.add(path, line, "a link has no address", "write [text](https://...) or [text](file.pdf)")
        return None
    file, _ = link_target(href)
    if not file:
        problems.add(path, line, f"link '{said}' points to a place inside the unit, which the player cannot open",
                     "name the page in words instead (e.g. 'see the page The Impact Circular Model')")
        return None
    if file.lower().startswith("www."):
        problems.add(path, line, f"link '{said}' looks like a web address without https://",
                     f"write it in full: [text](https://{said})")
        return None
    found = _find(problems, unit_folder, path, line, file, "link", LINKED_TYPES, LINK_FIX)
    return LinkedFile(name=found[0], source=found[2]) if found else None


def _find(problems: Problems, unit_folder: Path, path: Path, line: int, src: str, kind: str, types: set[str],
          fix: str) -> tuple[str, Path, Path] | None:
    """(name in the package, the file as named, its real path) of a file in media/, or None with
    the problem recorded: outside the folder, a type that may not go in, missing, unreadable, too large."""
    said = unquote(src)
    name = media_name(src)
    pure = PurePosixPath(name)
    if not src or pure.is_absolute() or ".." in pure.parts or "\\" in name or "\x00" in name or name == ".":
        problems.add(path, line, f"{kind} path '{said}' leaves the unit's media/ folder", fix)
        return None
    suffix = pure.suffix.lower()
    if kind == "image" and suffix not in types:
        problems.add(path, line, f"image '{said}' is not a picture a browser shows (.png, .jpg, .gif, .webp, .svg, .avif)",
                     "convert it to PNG, JPEG or SVG, or link to the file instead of showing it as an image")
        return None
    if suffix in (".html", ".htm", ".xhtml", ".xml", ".js", ".mjs"):
        problems.add(path, line, f"link '{said}' is a web page or script, which would run inside the learning "
                     "platform's own site", "put it on the web and link to its https:// address, or save it as PDF")
        return None
    if suffix not in types:
        problems.add(path, line, f"link '{said}' is not a file type learners can open on their own "
                     f"(documents, slides, spreadsheets, pictures, sound, video: {', '.join(sorted(types))})",
                     "save it as PDF, or put it on the web and link to its https:// address")
        return None
    # The whole chain of links is resolved: media/ itself may be a link to /etc.
    allowed = unit_folder.resolve()
    candidate = _spelled(unit_folder / "media", pure)
    if candidate is None:
        problems.add(path, line, f"{kind} '{said}' not found in the unit's media/ folder",
                     _near_miss(unit_folder, pure) or fix)
        return None
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):  # a loop of links, a name too long, a broken link
        problems.add(path, line, f"{kind} '{said}' cannot be read (a broken link or a loop of links)", fix)
        return None
    if not real.is_relative_to(allowed):
        problems.add(path, line, f"{kind} '{said}' is a link to a file outside the unit folder",
                     f"copy the {'image' if kind == 'image' else 'file'} into the unit's media/ folder instead of "
                     "linking to it")
        return None
    try:
        info = real.stat()
    except OSError as e:
        problems.add(path, line, f"{kind} '{said}' cannot be read ({e.strerror})", "check the file's permissions")
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.add(path, line, f"{kind} '{said}' is not a regular file (a folder, a pipe or a device)", fix)
        return None
    if info.st_size > MAX_IMAGE_BYTES:
        problems.add(path, line, f"{kind} '{said}' is too large ({info.st_size} bytes, at most {MAX_IMAGE_BYTES})",
                     "make it smaller: learners open packages on phones")
        return None
    if suffix == ".svg":
        try:
            data = real.read_bytes()
        except OSError as e:
            problems.add(path, line, f"{kind} '{said}' cannot be read ({e.strerror})", "check the file's permissions")
            return None
        why = svg_danger(data)
        if why:
            problems.add(path, line, f"{kind} '{said}' is an SVG that {why}",
                         "save the figure again without scripts, event handlers or links to other files "
                         "(e.g. export as 'plain SVG'), or use a PNG")
            return None
    return name, candidate, real


def _spelled(folder: Path, pure: PurePosixPath) -> Path | None:
    """The file `pure` names inside `folder`, spelled as on disk: the same name typed in
    composed (NFC) or decomposed (NFD, as macOS writes names) Unicode is the same file."""
    here = folder
    for part in pure.parts:
        exact = here / part
        if exact.exists() or exact.is_symlink():
            here = exact
            continue
        try:
            same = [e for e in sorted(here.iterdir(), key=lambda p: p.name)
                    if unicodedata.normalize("NFC", e.name) == unicodedata.normalize("NFC", part)]
        except OSError:
            return None
        if not same:
            return None
        here = same[0]
    return here


def _near_miss(unit_folder: Path, pure: PurePosixPath) -> str | None:
    """A fix for a name that is nearly right: another case, another extension, one letter off,
    or the file beside unit.yaml instead of in media/."""
    wanted = str(pure)
    key = unicodedata.normalize("NFC", wanted).casefold()
    media = unit_folder / "media"
    try:
        names = [p.relative_to(media).as_posix() for p, _ in zip(media.rglob("*"), range(5000)) if p.is_file()]
    except OSError:
        names = []
    for name in sorted(names):
        other = unicodedata.normalize("NFC", name).casefold()
        if other == key:
            return f"did you mean '{name}'? Write the name as the file is called: capital letters count in a package"
    for name in sorted(names):
        other = PurePosixPath(unicodedata.normalize("NFC", name).casefold())
        if other.with_suffix("") == PurePosixPath(key).with_suffix("") and other.suffix != PurePosixPath(key).suffix:
            return f"did you mean '{name}'? The file's name ends in {PurePosixPath(name).suffix}"
    for name in sorted(names):
        if _one_edit(unicodedata.normalize("NFC", name).casefold(), key):
            return f"did you mean '{name}'?"
    beside = _spelled(unit_folder, pure)
    if beside is not None and beside.is_file():
        return f"move {beside.name} from the unit folder into its media/ folder"
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by one letter added, left out, changed or two letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    i = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
    return short[i:] == long_[i + 1:]


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
