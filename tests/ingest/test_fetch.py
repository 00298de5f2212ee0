"""The HTTP client against a local server: user agent, robots.txt, retries with
backoff, size limit, timeouts, redirects, and every failure an InputError."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from eventwire.errors import InputError
from eventwire.ingest.fetch import USER_AGENT, Fetcher, FetchSettings, media_type, retry_after
from tests.ingest.helpers import LocalServer, Reply, free_port

PAGE = Reply(body=b"<html><body><p>Hello.</p></body></html>")


def fetch_error(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(InputError) as caught:
        fetcher.fetch(url)
    message = str(caught.value)
    assert message.startswith(f"[E200] {url}: ") and message.endswith("; skipped")
    assert "\n" not in message
    return message


def test_a_page_is_fetched_with_our_user_agent(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/page.html"] = PAGE
    page = fetcher.fetch(server.url("/page.html"))
    assert (page.status, page.content_type, page.charset) == (200, "text/html", "utf-8")
    assert page.body == PAGE.body
    assert page.url == server.url("/page.html")
    assert USER_AGENT.startswith("eventwire/") and "(+https://github.com/eventwire)" in USER_AGENT
    assert server.agents and set(server.agents) == {USER_AGENT}


def test_robots_txt_is_read_once_per_host(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/a.html"] = PAGE
    server.routes["/b.html"] = PAGE
    fetcher.fetch(server.url("/a.html"))
    fetcher.fetch(server.url("/b.html"))
    assert server.hits["/robots.txt"] == 1


def test_a_path_that_robots_txt_disallows_is_not_fetched(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.routes["/private/secret.html"] = PAGE
    message = fetch_error(fetcher, server.url("/private/secret.html"))
    assert "disallowed by robots.txt" in message
    assert server.hits["/private/secret.html"] == 0
    assert not fetcher.allowed(server.url("/private/other.html"))
    assert fetcher.allowed(server.url("/public.html"))


def test_robots_txt_naming_eventwire_applies(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/robots.txt"] = Reply(
        body=b"User-agent: eventwire\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
        content_type="text/plain",
    )
    server.routes["/page.html"] = PAGE
    assert "disallowed by robots.txt" in fetch_error(fetcher, server.url("/page.html"))


def test_a_redirect_into_a_disallowed_path_is_not_followed(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.routes["/moved"] = Reply(status=301, headers=(("Location", "/private/page.html"),))
    server.routes["/private/page.html"] = PAGE
    message = fetch_error(fetcher, server.url("/moved"))
    assert "disallowed by robots.txt" in message and "redirected to" in message
    assert server.hits["/private/page.html"] == 0


def test_redirects_are_followed_and_bounded(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/old"] = Reply(status=302, headers=(("Location", "/new"),))
    server.routes["/new"] = PAGE
    assert fetcher.fetch(server.url("/old")).url == server.url("/new")
    server.routes["/loop"] = Reply(status=302, headers=(("Location", "/loop"),))
    assert "redirects" in fetch_error(fetcher, server.url("/loop"))


def test_a_missing_robots_txt_allows_everything(server: LocalServer, fetcher: Fetcher) -> None:
    del server.routes["/robots.txt"]
    server.routes["/private/page.html"] = PAGE
    assert fetcher.fetch(server.url("/private/page.html")).status == 200


def test_an_unavailable_robots_txt_disallows_the_host(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.routes["/robots.txt"] = Reply(status=500, body=b"oops", content_type="text/plain")
    server.routes["/page.html"] = PAGE
    message = fetch_error(fetcher, server.url("/page.html"))
    assert "robots.txt" in message and "unreachable" in message
    assert server.hits["/page.html"] == 0


def test_a_server_that_fails_twice_then_succeeds_is_retried_with_backoff(
    server: LocalServer, fetcher: Fetcher, sleeps: list[float]
) -> None:
    def flaky(hit: int) -> Reply:
        return PAGE if hit > 2 else Reply(status=503, body=b"busy", content_type="text/plain")

    server.routes["/flaky.html"] = flaky
    page = fetcher.fetch(server.url("/flaky.html"))
    assert page.body == PAGE.body
    assert server.hits["/flaky.html"] == 3
    assert sleeps == [0.5, 1.0]  # backoff 0.5 s, doubled


def test_retries_are_bounded(server: LocalServer, fetcher: Fetcher, sleeps: list[float]) -> None:
    server.routes["/down.html"] = Reply(status=502, body=b"", content_type="text/plain")
    message = fetch_error(fetcher, server.url("/down.html"))
    assert "HTTP 502" in message and "3 attempts" in message
    assert server.hits["/down.html"] == 3
    assert len(sleeps) == 2


def test_retry_after_is_honoured_up_to_the_maximum(
    server: LocalServer, sleeps: list[float]
) -> None:
    def limited(hit: int) -> Reply:
        if hit == 1:
            return Reply(status=429, headers=(("Retry-After", "3"),), content_type=None)
        if hit == 2:
            return Reply(status=429, headers=(("Retry-After", "3600"),), content_type=None)
        return PAGE

    server.routes["/limited.html"] = limited
    settings = FetchSettings(backoff=0.1, max_backoff=10, retries=3)
    with Fetcher(settings, sleep=sleeps.append) as client:
        assert client.fetch(server.url("/limited.html")).status == 200
    assert sleeps == [3.0, 10.0]


def test_client_errors_are_not_retried(server: LocalServer, fetcher: Fetcher) -> None:
    message = fetch_error(fetcher, server.url("/nothing-here.html"))
    assert "HTTP 404" in message
    assert server.hits["/nothing-here.html"] == 1


def test_a_response_over_the_size_limit_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    big = b"<html><body>" + b"x" * 200_000 + b"</body></html>"
    server.routes["/declared.html"] = Reply(body=big)
    server.routes["/streamed.html"] = Reply(body=big, length=False)
    assert "larger than 100000 bytes" in fetch_error(fetcher, server.url("/declared.html"))
    assert "larger than 100000 bytes" in fetch_error(fetcher, server.url("/streamed.html"))


def test_a_slow_server_times_out(server: LocalServer, sleeps: list[float]) -> None:
    server.routes["/slow.html"] = Reply(body=PAGE.body, delay=1.5)
    settings = FetchSettings(read_timeout=0.2, retries=1, backoff=0.01)
    started = time.monotonic()
    with Fetcher(settings, sleep=sleeps.append) as client:
        message = fetch_error(client, server.url("/slow.html"))
    assert "timed out" in message and "2 attempts" in message
    assert time.monotonic() - started < 1.5


def test_a_closed_port_is_reported(fetcher: Fetcher) -> None:
    url = f"http://127.0.0.1:{free_port()}/page.html"
    message = fetch_error(fetcher, url)
    assert "robots.txt" in message and "connection refused" in message


def test_only_http_urls_are_fetched(fetcher: Fetcher) -> None:
    assert "not a valid http(s) URL" in fetch_error(fetcher, "ftp://example.org/file.html")


def test_crawl_delay_is_kept_between_requests_to_one_host(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Reply(
        body=b"User-agent: *\nCrawl-delay: 5\n", content_type="text/plain"
    )
    server.routes["/a.html"] = PAGE
    server.routes["/b.html"] = PAGE
    sleeps: list[float] = []
    with Fetcher(FetchSettings(max_crawl_delay=2), sleep=sleeps.append) as client:
        client.fetch(server.url("/a.html"))
        client.fetch(server.url("/b.html"))
    assert len(sleeps) == 2  # before /a.html (after robots.txt) and before /b.html
    assert all(0 < s <= 2 for s in sleeps)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "utf-8")),
        ('application/rss+xml;charset="iso-8859-1"', ("application/rss+xml", "iso-8859-1")),
        ("TEXT/PLAIN", ("text/plain", None)),
        (None, ("", None)),
    ],
)
def test_media_type(header: str | None, expected: tuple[str, str | None]) -> None:
    assert media_type(header) == expected


def test_retry_after_reads_seconds_and_dates() -> None:
    now = datetime(2024, 3, 5, 12, 0, 0, tzinfo=UTC)
    assert retry_after("120") == 120.0
    assert retry_after("Tue, 05 Mar 2024 12:01:00 GMT", now) == 60.0
    assert retry_after("soon") is None
    assert retry_after(None) is None
