"""Documents across the wire: exact round trips, whatever the model holds."""

from __future__ import annotations

import dataclasses
import pickle

from eventwire.model import Document, Span
from eventwire.scale.wire import decode, encode


def test_every_demo_document_comes_back_equal(demo_documents: list[Document]) -> None:
    for doc in demo_documents:
        back = decode(pickle.loads(pickle.dumps(encode(doc))))
        assert back == doc
        assert type(back.tokens) is tuple and type(back.mentions) is tuple
        assert all(type(m.span) is Span for m in back.mentions)


def test_a_value_of_an_unexpected_shape_travels_as_is(demo_documents: list[Document]) -> None:
    doc = demo_documents[0]
    odd = dataclasses.replace(doc, tokens=list(doc.tokens), stages=("x",))  # type: ignore[arg-type]
    back = decode(pickle.loads(pickle.dumps(encode(odd))))
    assert back == odd and type(back.tokens) is list
