"""Coded errors. Each has a code so users and docs can refer to it (like spaCy's E-codes)."""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class of every error newsledger raises on purpose."""

    code = "NL000"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where = f"{where}:{self.line}"
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.message} [{self.code}]"


class InputError(NewsledgerError):
    """An input that cannot be read as a document (binary, malformed, empty, too big)."""

    code = "NL100"


class SkipArticle(NewsledgerError):
    """Raised by a stage to reject a document on purpose (empty, not news)."""

    code = "NL101"


class StageError(NewsledgerError):
    """A stage failed on one document; the batch goes on without it."""

    code = "NL200"


class PipelineConfigError(NewsledgerError):
    """The pipeline cannot be built: an unknown stage, or one that runs before what it requires."""

    code = "NL201"


class DataFileError(NewsledgerError):
    """A data file (registry, lexicon, gazetteer) is malformed or conflicting."""

    code = "NL300"


class StoreError(NewsledgerError):
    """The store cannot be opened or migrated."""

    code = "NL400"
