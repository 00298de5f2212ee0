"""Linking across documents: exact and near-duplicate copies, the same story in
other outlets and languages, and GDELT-style counts (see `stories`)."""

from eventwire.link.keys import LinkKeys, event_key, keys_from_document
from eventwire.link.stories import Linker, Match, key_score

__all__ = ["LinkKeys", "Linker", "Match", "event_key", "key_score", "keys_from_document"]
