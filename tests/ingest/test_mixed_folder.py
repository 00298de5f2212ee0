"""One call reads a folder of every format; counts per format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from eventwire.ingest.fetch import Fetcher
from eventwire.ingest.files import read_inputs
from eventwire.ingest.formats import count_by_format
from eventwire.model import Article
from tests.ingest.helpers import (
    LocalServer,
    Reply,
    WarcRecord,
    article_html,
    fixture_bytes,
    fixture_text,
    warc_bytes,
)


def test_a_mixed_folder_in_one_call(server: LocalServer, fetcher: Fetcher, tmp_path: Path) -> None:
    server.routes["/nieuws/minister-caracas.html"] = Reply(body=fixture_bytes("nl_article.html"))
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("De premier sprak dinsdag met de koning.", encoding="utf-8")
    (corpus / "b.md").write_text("# Kop\n\nEl presidente viajó a Lima.", encoding="utf-8")
    (corpus / "c.html").write_bytes(fixture_bytes("es_article_latin1.html"))
    (corpus / "d.jsonl").write_text(
        json.dumps({"id": "j1", "text": "The envoy met rebels."})
        + "\n"
        + json.dumps({"id": "j2", "text": "Talks stalled."})
        + "\n",
        encoding="utf-8",
    )
    with (corpus / "e.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["id", "text"], ["c1", "Protesters gathered in Quito."]])
    (corpus / "sub" / "f.warc.gz").write_bytes(
        warc_bytes(
            [
                WarcRecord(
                    uri="https://news.example/1",
                    body=article_html("Border talks", "Chile and Peru met in Lima on Monday."),
                ),
                WarcRecord(
                    uri="https://news.example/2",
                    body=article_html("Aid pledged", "Japan pledged aid to Ecuador on Friday."),
                ),
            ]
        )
    )
    (corpus / "sub" / "g.rss").write_text(
        fixture_text("feed.rss", base=server.base), encoding="utf-8"
    )
    (corpus / "ignored.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (corpus / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")

    items = list(read_inputs([str(corpus)], fetcher=fetcher))
    assert all(isinstance(item, Article) for item in items), items
    assert count_by_format(items) == {
        "text": 1,
        "markdown": 1,
        "html": 1,
        "jsonl": 2,
        "csv": 1,
        "warc": 2,
        "feed": 2,
    }
    assert len({item.id for item in items if isinstance(item, Article)}) == 10
