"""Errors the CLI turns into one-line messages."""

from __future__ import annotations


class ClimadiploError(Exception):
    """A user-facing problem: printed as one line, exit status 2, no traceback."""


class InputError(ClimadiploError):
    """A corpus file or parameter that cannot be read; the message names it."""


class OutputError(ClimadiploError):
    """An output location that cannot be written without losing earlier results."""
