"""Typed errors. The CLI prints `str(exc)` on one line and exits non-zero."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg reports to a user."""


class InputError(KgError):
    """An input file or record cannot be read; names the file and, when known, the line."""

    def __init__(self, file: str, message: str, line: int | None = None):
        self.file = file
        self.line = line
        self.reason = message
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {message}")


class FormatError(InputError):
    """The input format is unknown or cannot be detected."""


class CatalogError(KgError):
    """The packaged catalog is missing or corrupt."""


class GraphError(KgError):
    """An existing graph file cannot be loaded or merged."""


class NotFoundError(KgError):
    """A named entity or query does not exist; the message lists close matches."""


class ConnectionFailed(KgError):
    """A server (Neo4j) cannot be reached or refuses the credentials."""
