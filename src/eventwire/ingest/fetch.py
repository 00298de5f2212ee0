"""A polite HTTP client for URL inputs and feed items (urllib3 and the standard library).

- connect and read timeouts, and a deadline for a whole download;
- a bounded number of retries with exponential backoff on connection errors,
  timeouts and HTTP 429/500/502/503/504 (a `Retry-After` is honoured up to
  `max_backoff`);
- a response size limit (the Content-Length is checked first, then the bytes
  as they arrive, after decompression);
- a user agent that names us: `eventwire/<version> (+https://github.com/eventwire)`;
- robots.txt (urllib.robotparser, RFC 9309): checked for every URL and every
  redirect target; a 4xx robots.txt allows everything, an unreachable one
  (5xx, network error) disallows the host; `Crawl-delay` is kept between
  requests to one host, up to `max_crawl_delay`.

Every failure is an `InputError` naming the URL the user gave.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from eventwire.errors import InputError


def _version() -> str:
    try:
        return version("eventwire")
    except PackageNotFoundError:
        return "0"


USER_AGENT = f"eventwire/{_version()} (+https://github.com/eventwire)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB
CHUNK = 65_536


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # between two bytes of the response
    deadline: float = 120.0  # for one download, from request to last byte
    retries: int = 2  # after the first attempt
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    max_backoff: float = 30.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    max_crawl_delay: float = 30.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """A successful (2xx) response."""

    url: str  # after redirects
    status: int
    content_type: str  # media type in lower case, "" when the server sent none
    charset: str | None
    body: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class _Response:
    url: str
    status: int
    reason: str
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class _Failure:
    reason: str
    retry: bool
    retry_after: float | None = None


class _Problem(Exception):
    """Why a download failed, without the URL (`Fetcher.fetch` adds it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Robots:
    parser: RobotFileParser | None  # None: robots.txt unreachable, nothing may be fetched
    problem: str = ""


def media_type(content_type: str | None) -> tuple[str, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"."""
    if not content_type:
        return "", None
    kind, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _failure(error: HTTPError) -> _Failure:
    if isinstance(error, NameResolutionError):
        return _Failure(reason="cannot resolve the host name", retry=False)
    if isinstance(error, NewConnectionError):
        return _Failure(reason="connection refused or host unreachable", retry=True)
    if isinstance(error, ConnectTimeoutError):
        return _Failure(reason="timed out while connecting", retry=True)
    if isinstance(error, ReadTimeoutError):
        return _Failure(reason="timed out waiting for the server", retry=True)
    if isinstance(error, ProtocolError):
        return _Failure(reason="connection broken", retry=True)
    if isinstance(error, SSLError):
        return _Failure(reason="TLS error", retry=False)
    if isinstance(error, LocationValueError):
        return _Failure(reason="not a valid URL", retry=False)
    return _Failure(reason=type(error).__name__, retry=False)


class Fetcher:
    """One client for a batch: a connection pool, a robots.txt cache per host, and
    the time of the last request per host (for Crawl-delay)."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._sleep = sleep
        self._clock = clock
        self._pool = urllib3.PoolManager(
            num_pools=20,
            headers={"User-Agent": self.settings.user_agent, "Accept": ACCEPT},
            timeout=urllib3.Timeout(
                connect=self.settings.connect_timeout, read=self.settings.read_timeout
            ),
            retries=False,
        )
        self._robots: dict[str, _Robots] = {}
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._pool.clear()

    def fetch(self, url: str) -> Page:
        """GET a URL, following redirects that robots.txt allows; raise InputError."""
        try:
            return self._fetch(url)
        except _Problem as problem:
            raise InputError(f"{url}: {problem}; skipped") from None

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch this URL (fetching robots.txt if needed)."""
        try:
            self._check_robots(url)
        except _Problem:
            return False
        return True

    def _fetch(self, url: str) -> Page:
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self._check_robots(current, redirected=current != url)
            response = self._get(current, self.settings.max_bytes)
            location = response.headers.get("location")
            if response.status in REDIRECT_STATUSES and location:
                current = urljoin(current, location)
                continue
            if not 200 <= response.status < 300:
                raise _Problem(f"HTTP {response.status} {response.reason}".strip())
            kind, charset = media_type(response.headers.get("content-type"))
            return Page(
                url=response.url,
                status=response.status,
                content_type=kind,
                charset=charset,
                body=response.body,
            )
        raise _Problem(f"more than {self.settings.max_redirects} redirects")

    def _check_robots(self, url: str, *, redirected: bool = False) -> None:
        try:
            parts = urlsplit(url)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
        except ValueError:  # a bad port or IPv6 address
            valid = False
        if not valid:
            raise _Problem(f"not a valid http(s) URL ({url})")
        robots = self._robots_for(url)
        if robots.parser is None:
            raise _Problem(robots.problem)
        if not robots.parser.can_fetch(self.settings.user_agent, url):
            target = f" (redirected to {url})" if redirected else ""
            raise _Problem(f"disallowed by robots.txt of {parts.netloc}{target}")

    def _robots_for(self, url: str) -> _Robots:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        return self._robots[site]

    def _read_robots(self, site: str) -> _Robots:
        current = f"{site}/robots.txt"
        parser = RobotFileParser(current)
        status = 404  # more than max_redirects redirects: RFC 9309 says "unavailable"
        body = b""
        try:
            for _ in range(self.settings.max_redirects + 1):
                response = self._get(current, ROBOTS_MAX_BYTES, truncate=True)
                location = response.headers.get("location")
                if response.status in REDIRECT_STATUSES and location:
                    current = urljoin(current, location)
                    continue
                status, body = response.status, response.body
                break
        except _Problem as problem:
            return _Robots(parser=None, problem=f"robots.txt of {site} unreachable: {problem}")
        if status >= 500:
            return _Robots(parser=None, problem=f"robots.txt of {site} unreachable: HTTP {status}")
        if 200 <= status < 300:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        else:  # 4xx: RFC 9309 allows everything (an empty robots.txt)
            parser.parse([])
        return _Robots(parser=parser)

    def _crawl_delay(self, url: str) -> float:
        parts = urlsplit(url)
        robots = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        if robots is None or robots.parser is None:
            return 0.0
        delay = robots.parser.crawl_delay(self.settings.user_agent)
        return min(float(delay or 0), self.settings.max_crawl_delay)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        delay = self._crawl_delay(url)
        if last is not None and delay > 0:
            remaining = last + delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[host] = self._clock()

    def _get(self, url: str, limit: int, *, truncate: bool = False) -> _Response:
        """One GET with retries and backoff; raise _Problem when it finally fails."""
        attempt = 0
        while True:
            self._wait_for_host(url)
            result = self._attempt(url, limit, truncate=truncate)
            if isinstance(result, _Response):
                return result
            if not result.retry or attempt >= self.settings.retries:
                tried = f", {attempt + 1} attempts" if attempt else ""
                raise _Problem(result.reason + tried)
            wait = self.settings.backoff * 2**attempt
            if result.retry_after is not None:
                wait = max(wait, result.retry_after)
            self._sleep(min(wait, self.settings.max_backoff))
            attempt += 1

    def _attempt(self, url: str, limit: int, *, truncate: bool) -> _Response | _Failure:
        started = self._clock()
        try:
            response = self._pool.request(
                "GET", url, redirect=False, retries=False, preload_content=False
            )
        except HTTPError as error:
            return _failure(error)
        except ValueError:  # a host name that cannot be encoded, and the like
            return _Failure(reason="not a valid URL", retry=False)
        complete = False
        try:
            headers = {name.lower(): value for name, value in response.headers.items()}
            reason = response.reason or ""
            if response.status in RETRY_STATUSES:
                return _Failure(
                    reason=f"HTTP {response.status} {reason}".strip(),
                    retry=True,
                    retry_after=retry_after(headers.get("retry-after")),
                )
            body = b""
            if 200 <= response.status < 300:
                declared = headers.get("content-length", "")
                if not truncate and declared.isdigit() and int(declared) > limit:
                    raise _Problem(f"larger than {limit} bytes ({declared} declared)")
                body, complete = self._read(response, limit, started, truncate=truncate)
            return _Response(
                url=url, status=response.status, reason=reason, headers=headers, body=body
            )
        except HTTPError as error:
            return _failure(error)
        finally:
            if complete:
                response.release_conn()
            else:  # unread bytes: do not hand this connection back to the pool
                response.close()
                response.release_conn()

    def _read(
        self, response: urllib3.BaseHTTPResponse, limit: int, started: float, *, truncate: bool
    ) -> tuple[bytes, bool]:
        """The body, and whether all of it was read."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.stream(CHUNK, decode_content=True):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                if truncate:
                    return b"".join(chunks)[:limit], False
                raise _Problem(f"larger than {limit} bytes")
            if self._clock() - started > self.settings.deadline:
                raise _Problem(f"download took more than {self.settings.deadline:g} s")
        return b"".join(chunks), True
