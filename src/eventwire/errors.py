"""Errors with stable codes that say what to do."""

from __future__ import annotations


class EventwireError(Exception):
    """Base error: `code` is stable, the message says what to do."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class PackError(EventwireError):
    """A language pack file is missing or malformed."""

    code = "E100"


class UnsupportedLanguageError(EventwireError):
    code = "E101"


class InputError(EventwireError):
    """An input file cannot be read (binary, empty, wrong encoding, bad JSON)."""

    code = "E200"


class PipelineError(EventwireError):
    """A stage was run before the stages it requires."""

    code = "E300"


class StoreError(EventwireError):
    code = "E400"
