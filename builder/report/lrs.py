"""Reading statements from a Learning Record Store, defensively.

The credentials go only to the endpoint's own origin (scheme, host, port): a `more` link or
a redirect elsewhere is refused, never followed with the password. Pages, statements and
time are bounded, a `more` link already read is a loop, and every failure (network, HTTP,
not JSON, not UTF-8) is an LRSError with a message for the trainer, never a traceback.
"""

from __future__ import annotations

import base64
import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from ..printable import printable

PAGE_SIZE = 500
TIMEOUT = 60  # seconds per request
MAX_PAGES = 10_000
MAX_STATEMENTS = 2_000_000
MAX_SECONDS = 30 * 60  # the whole read
MAX_PAGE_BYTES = 64 * 1024 * 1024
XAPI_VERSION = "1.0.3"


class LRSError(Exception):
    """The LRS cannot be read: what happened and what to check, never the credentials."""


def public_url(url: str) -> str:
    """The address as it may be printed: without user:password@, query or fragment."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        host = f"[{host}]" if ":" in host else host
        if parts.port:
            host += f":{parts.port}"
    except ValueError:
        return printable(url.split("@")[-1][:200])
    return printable(urlunsplit((parts.scheme, host, parts.path, "", ""))[:300])


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port): where credentials may go. Raises ValueError for a bad port."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower(), 0)
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is answered like any other status: urllib would carry Authorization along."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


class StatementReader:
    def __init__(self, endpoint: str, user: str, password: str, *, max_pages: int = MAX_PAGES,
                 max_statements: int = MAX_STATEMENTS, max_seconds: float = MAX_SECONDS, timeout: float = TIMEOUT):
        fix = "give the LRS's xAPI address, e.g. https://lrs.example.org/xAPI/"
        if not endpoint.lower().startswith(("http://", "https://")):
            raise LRSError(f"--endpoint {public_url(endpoint)!r} is not an http(s) address; {fix}")
        try:
            self.origin = origin(endpoint)
        except ValueError:
            raise LRSError(f"--endpoint {public_url(endpoint)!r} has a port that is not a number from 1 to 65535; "
                           f"{fix}") from None
        if not self.origin[1]:
            raise LRSError(f"--endpoint {public_url(endpoint)!r} names no host; {fix}")
        if any(ord(c) < 33 or ord(c) == 127 for c in endpoint):
            raise LRSError(f"--endpoint {public_url(endpoint)!r} contains spaces or control characters; {fix}")
        parts = urlsplit(endpoint)
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        netloc = f"{host}:{parts.port}" if parts.port else host  # user:password@ is never sent in the URL
        endpoint = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.max_pages, self.max_statements = max_pages, max_statements
        self.max_seconds, self.timeout = max_seconds, timeout

    def _where(self) -> str:
        return public_url(self.endpoint)

    def _check_url(self, url: str) -> None:
        """Refuse any address outside the endpoint's origin before a byte is sent there."""
        try:
            there = origin(url)
        except ValueError:
            there = None
        if there != self.origin:
            downgrade = there and there[0] == "http" and self.origin[0] == "https" and there[1] == self.origin[1]
            why = "from https to http" if downgrade else "to another server"
            raise LRSError(f"the LRS at {self._where()} sent a link {why} ({public_url(url)}); it was not followed, "
                           "so the credentials stayed with the LRS; check --endpoint (the address the LRS itself "
                           "uses, with the same scheme and port)")

    def _get(self, url: str, deadline: float):
        self._check_url(url)
        request = urllib.request.Request(url, headers={
            "Authorization": self.auth, "X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"})
        timeout = max(1.0, min(self.timeout, deadline - time.monotonic()))
        try:
            with _opener.open(request, timeout=timeout) as response:
                body = response.read(MAX_PAGE_BYTES + 1)
        except urllib.error.HTTPError as e:
            self._http_error(e)
        except http.client.HTTPException as e:
            raise LRSError(f"{self._where()} did not answer as a web server does ({e.__class__.__name__}: "
                           f"{printable(e)[:80]}); check --endpoint (scheme http/https and port)") from None
        except (OSError, ValueError) as e:
            reason = getattr(e, "reason", None) or e
            reason = getattr(reason, "strerror", None) or str(reason) or reason.__class__.__name__
            raise LRSError(f"cannot reach the LRS at {self._where()}: {printable(reason)[:200]}; "
                           "check --endpoint and that the LRS is running") from None
        if len(body) > MAX_PAGE_BYTES:
            raise LRSError(f"the LRS at {self._where()} answered with more than {MAX_PAGE_BYTES >> 20} MiB "
                           "for one page; check --endpoint")
        try:
            page = json.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise LRSError(f"the LRS at {self._where()} answered with text that is not UTF-8; "
                           "check --endpoint (it ends in the xAPI root, e.g. .../xAPI/)") from None
        except (ValueError, RecursionError):
            raise LRSError(f"{self._where()} did not answer with xAPI statements (not JSON); "
                           "check --endpoint (it ends in the xAPI root, e.g. .../xAPI/)") from None
        if not isinstance(page, dict) or not isinstance(page.get("statements", []), list) \
                or not isinstance(page.get("more") or "", str):
            raise LRSError(f"{self._where()} did not answer with xAPI statements (JSON, but not a statement "
                           "result); check --endpoint (it ends in the xAPI root, e.g. .../xAPI/)")
        return page

    def _http_error(self, e: urllib.error.HTTPError):
        status = e.code
        if status in (401, 403):
            raise LRSError(f"the LRS at {self._where()} refused the credentials ({status}); "
                           "check --user and --password (or QSER_LRS_USER and QSER_LRS_PASSWORD)") from None
        if 300 <= status < 400:
            raise LRSError(f"the LRS at {self._where()} redirects ({status}) to "
                           f"{public_url(e.headers.get('Location', '?'))}; it was not followed, so the "
                           "credentials stayed here; give that address as --endpoint if you trust it") from None
        try:
            detail = printable(e.read(2000).decode("utf-8", "replace")).strip()[:200]
        except Exception:  # the body of an error answer is a courtesy: its absence is no second error
            detail = ""
        raise LRSError(f"the LRS at {self._where()} answered {status} {printable(str(e.reason or ''))[:60]} to a "
                       f"statements query{': ' + detail if detail else ''}; "
                       "check --endpoint (it ends in the xAPI root, e.g. .../xAPI/)") from None

    def statements(self, activity: str, registration: str | None = None, since: str | None = None,
                   until: str | None = None) -> Iterator[dict]:
        """Every statement about `activity` or inside it (related_activities), oldest first,
        following `more` links until the LRS has none. Statements stay plain JSON: the report
        reads them as the LRS stored them."""
        params = {"activity": activity, "related_activities": "true", "ascending": "true", "limit": PAGE_SIZE,
                  "registration": registration, "since": since, "until": until}
        url = urljoin(self.endpoint, "statements") + "?" + urlencode({k: v for k, v in params.items() if v is not None})
        deadline = time.monotonic() + self.max_seconds
        seen: set[str] = set()
        pages = statements = 0
        while True:
            if url in seen:
                raise LRSError(f"the LRS at {self._where()} sent a 'more' link to a page already read "
                               f"({public_url(url)}); stopped instead of reading it forever: the LRS has a bug")
            seen.add(url)
            pages += 1
            if pages > self.max_pages:
                raise LRSError(f"stopped after {self.max_pages} pages from the LRS at {self._where()}; "
                               "narrow the report with --since/--until or --registration")
            if time.monotonic() > deadline:
                raise LRSError(f"stopped after {self.max_seconds:g} s reading the LRS at {self._where()}; "
                               "narrow the report with --since/--until or --registration")
            page = self._get(url, deadline)
            for s in page.get("statements", []):
                if isinstance(s, dict):
                    statements += 1
                    if statements > self.max_statements:
                        raise LRSError(f"stopped after {self.max_statements} statements from the LRS at "
                                       f"{self._where()}; narrow the report with --since/--until or --registration")
                    yield s
            more = page.get("more")
            if not more:
                return
            try:
                url = urljoin(self.endpoint, more)
            except ValueError:
                raise LRSError(f"the LRS at {self._where()} sent a 'more' link that is not an address "
                               f"({printable(more)[:100]!r}); the LRS has a bug") from None
