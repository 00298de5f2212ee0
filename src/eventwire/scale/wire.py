"""Documents across the wire: an exact, compact encoding of analysis results.

A Dask worker returns its Documents to the client. pickle rebuilds a frozen,
slotted dataclass one attribute at a time through `__setstate__`, which for a
650-word article (about 1,100 objects: tokens, spans, mentions, events) costs
3 ms to write and 3.5 ms to read: a third of the analysis itself, paid again
on the client. Here objects of one class travel as columns of plain values
(which pickle writes and reads at C speed) and are rebuilt through their slot
descriptors, one column at a time: well under a millisecond for both ends.

The encoding is generic: the fields of each dataclass and which of them hold
other dataclasses are read from the class, so a field added to the model is
carried without a change here. A value of an unexpected shape travels as is,
pickled the ordinary way. `decode(encode(doc)) == doc` always.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import itertools
import operator
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.model import Document

OBJ = "obj"  # a field holding one dataclass instance or None
SEQ = "seq"  # a field holding a tuple of dataclass instances
Block = tuple[type, int, list[Any]]  # (class, number of objects, one column per field)


@dataclass(frozen=True, slots=True)
class Plan:
    cls: type
    names: tuple[str, ...]
    row: Callable[[Any], tuple[Any, ...]]
    setters: tuple[Callable[[Any, Any], None], ...] | None  # None: build through __init__
    nested: tuple[tuple[int, str, type], ...]  # (field index, OBJ or SEQ, dataclass)


@functools.cache
def plan(cls: type) -> Plan:
    names = tuple(f.name for f in dataclasses.fields(cls))
    hints = typing.get_type_hints(cls)
    nested = []
    for index, name in enumerate(names):
        kind = _kind(hints.get(name))
        if kind is not None:
            nested.append((index, *kind))
    getter = operator.attrgetter(*names)
    row: Callable[[Any], tuple[Any, ...]] = (
        getter if len(names) > 1 else (lambda obj: (getter(obj),))
    )
    setters: tuple[Callable[[Any, Any], None], ...] | None = None
    slots = [getattr(cls, name, None) for name in names]
    if not hasattr(cls, "__post_init__") and all(
        isinstance(s, types.MemberDescriptorType) for s in slots
    ):
        setters = tuple(s.__set__ for s in slots)  # type: ignore[union-attr]
    return Plan(cls, names, row, setters, tuple(nested))


def _kind(annotation: Any) -> tuple[str, type] | None:
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return OBJ, annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and dataclasses.is_dataclass(rest[0]) and isinstance(rest[0], type):
            return OBJ, rest[0]
    if (
        origin is tuple
        and len(args) == 2
        and args[1] is Ellipsis
        and dataclasses.is_dataclass(args[0])
        and isinstance(args[0], type)
    ):
        return SEQ, args[0]
    return None


def encode(doc: Document) -> Block:
    """Plain tuples and lists only (plus any value of an unexpected shape, as is)."""
    return _encode_block(Document, [doc])


def decode(block: Block) -> Document:
    (doc,) = _decode_block(block)
    if not isinstance(doc, Document):
        raise TypeError(f"a Document was expected, not {type(doc).__name__}")
    return doc


def _encode_block(cls: type, objects: Sequence[Any]) -> Block:
    how = plan(cls)
    count = len(objects)
    columns: list[Any] = (
        [list(c) for c in zip(*map(how.row, objects), strict=True)]
        if count
        else [[] for _ in how.names]
    )
    for index, kind, inner in how.nested:
        column = columns[index]
        if kind == OBJ and all(v is None or type(v) is inner for v in column):
            present = [i for i, v in enumerate(column) if v is not None]
            columns[index] = (OBJ, present, _encode_block(inner, [column[i] for i in present]))
        elif kind == SEQ and all(
            type(v) is tuple and all(type(x) is inner for x in v) for v in column
        ):
            flat = [x for v in column for x in v]
            columns[index] = (SEQ, [len(v) for v in column], _encode_block(inner, flat))
        else:
            columns[index] = ("as-is", column)
    return (cls, count, columns)


def _decode_block(block: Block) -> list[Any]:
    cls, count, encoded = block
    how = plan(cls)
    columns: list[Any] = list(encoded)
    for index, _, _ in how.nested:
        tag, *parts = columns[index]
        if tag == OBJ:
            present, inner = parts
            column: list[Any] = [None] * count
            for i, obj in zip(present, _decode_block(inner), strict=True):
                column[i] = obj
        elif tag == SEQ:
            lengths, inner = parts
            flat = _decode_block(inner)
            column, at = [], 0
            for length in lengths:
                column.append(tuple(flat[at : at + length]))
                at += length
        else:
            (column,) = parts
        columns[index] = column
    setters = how.setters
    if setters is None:
        names = how.names
        rows = zip(*columns, strict=True)
        return [cls(**dict(zip(names, values, strict=True))) for values in rows]
    # column by column, in C loops: make the objects empty, then set each slot of all of them
    objects: list[Any] = list(map(object.__new__, itertools.repeat(cls, count)))
    for setter, values in zip(setters, columns, strict=True):
        collections.deque(map(setter, objects, values), maxlen=0)
    return objects
