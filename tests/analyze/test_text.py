"""Sentences and tokens: the rule splitter on news-specific cases."""

from __future__ import annotations

import pytest

from eventwire.analyze.text import split_sentences, tokenize


def sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[str]:
    return [s.text(text) for s in split_sentences(text, abbreviations)]


def test_paragraphs_and_full_stops_end_sentences() -> None:
    text = "Bron: krant 3 mei 2024\n\nDe minister sprak. Daarna vertrok hij.\nNieuwe alinea"
    assert sentences(text) == [
        "Bron: krant 3 mei 2024",
        "De minister sprak.",
        "Daarna vertrok hij.",
        "Nieuwe alinea",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "“We hebben gepraat.” Daarna ging hij weg."
    assert sentences(text) == ["“We hebben gepraat.”", "Daarna ging hij weg."]


@pytest.mark.parametrize(
    "text",
    ["The U.S. envoy met him on Monday.", "EE.UU. y Cuba hablaron ayer.", "Gen. Smith arrived."],
)
def test_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert sentences(text, frozenset({"gen"})) == [text]


def test_tokens_carry_offsets_and_lemmas() -> None:
    text = "De ministers bevestigden de vice-premier."
    spans = split_sentences(text)
    tokens, records = tokenize(text, spans, "nl")
    assert [t.text for t in tokens] == ["De", "ministers", "bevestigden", "de", "vice-premier", "."]
    assert tokens[2].lemma == "bevestigen"
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert records[0].first_token == 0 and records[0].last_token == len(tokens)


def test_a_word_without_its_accent_gets_the_lemma_of_the_accented_word() -> None:
    from eventwire.analyze.text import lemma_restoring_accent

    assert lemma_restoring_accent("prohibe", "es") == "prohibir"
    assert lemma_restoring_accent("detencion", "es") == "detención"
