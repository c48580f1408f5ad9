"""Exceptions with a message fit for one line on stderr, and the CLI exit codes.

Deep code raises; only :mod:`kg.cli` turns an exception into an exit code, so the
library never calls ``sys.exit`` under a notebook user.
"""
from __future__ import annotations

__all__ = ["KgError", "BadInputError", "ModelMissingError", "StoreError", "QueryError", "ParameterError",
           "EXIT_OK", "EXIT_FAILURE", "EXIT_USAGE", "EXIT_BAD_INPUT"]

EXIT_OK = 0
EXIT_FAILURE = 1       # a bug, a store or a query that failed
EXIT_USAGE = 2         # wrong arguments (argparse's own code)
EXIT_BAD_INPUT = 3     # an input file kg refuses: empty, binary, wrong encoding, malformed


class KgError(Exception):
    """Base of kg's own errors; ``str(e)`` is one line meant for a person."""

    exit_code = EXIT_FAILURE


class BadInputError(KgError):
    """An input document that cannot be read; names the file and the problem."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ModelMissingError(KgError):
    """No spaCy pipeline is installed."""


class StoreError(KgError):
    """A store that cannot be opened or written."""


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run."""


class ParameterError(QueryError):
    """A ready query called with a missing, unknown or out-of-range parameter (a usage error)."""

    exit_code = EXIT_USAGE
