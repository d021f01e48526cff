"""What Moodle 4.5's own archive reader takes out of a .mbz: a port of lib/filestorage/tgz_extractor.php.

Read from Moodle 4.5.6 (extract_or_list, process_header, process_file_block, start_current_file),
flaws kept: header checksums are not checked; the size is the first 11 characters at offset 124 read
as octal, skipping what is not an octal digit (PHP's octdec); the magic at 257 must be "ustar\\0" or
"ustar "; the path is prefix + "/" + name with leading slashes trimmed; type flags 1, 2, 3, 4, 6 and 7
are skipped, 5 is a folder, anything else (pax and GNU headers included) a file; all-zero blocks are
skipped wherever they are, and reading goes on to the end of the gzip stream. The path cleaning of
clean_param(PARAM_PATH) is not modelled: the tests use it on names that it leaves as they are.
"""

from __future__ import annotations

import gzip

BLOCK = 512


class NotUstar(Exception):
    """Moodle: 'Header does not have POSIX ustar magic string' (errorprocessingarchive)."""


def _octdec(field: bytes) -> int:
    digits = bytes(c for c in field if 0x30 <= c <= 0x37)
    return int(digits, 8) if digits else 0


def extract(mbz: bytes) -> dict[str, bytes | None]:
    """Every entry Moodle would extract, in order: path -> content, None for a folder."""
    raw = gzip.decompress(mbz)
    out: dict[str, bytes | None] = {}
    current, size, content = None, 0, b""
    for pos in range(0, len(raw), BLOCK):
        block = raw[pos:pos + BLOCK]
        if current is not None:
            content += block[: size - len(content)]
            if len(content) == size:
                out[current], current = content, None
            continue
        if block == bytes(BLOCK):
            continue
        name = block[:100].rstrip(b"\0")
        if block[257:263] not in (b"ustar\0", b"ustar "):
            raise NotUstar(name)
        path = (block[345:500].rstrip(b"\0") + b"/" + name).lstrip(b"/").decode("utf-8")
        typeflag = block[156:157]
        if typeflag in (b"1", b"2", b"3", b"4", b"6", b"7"):
            continue
        if typeflag == b"5":
            out[path] = None
            continue
        current, size, content = path, _octdec(block[124:135]), b""
        if size == 0:
            out[current], current = b"", None
    return out
