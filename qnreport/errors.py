"""Exceptions: for the environment and for broken configuration, never for users' data.

Users' data problems are :class:`qnreport.findings.Finding` values. Everything raised on
purpose derives from :class:`QnreportError`, so the CLI catches one class and prints its
Vietnamese message without a traceback.
"""

from __future__ import annotations

import click


class QnreportError(click.ClickException):
    """Base of every deliberate failure; ``message`` is Vietnamese, for the clerk."""

    exit_code = 1


class ConfigError(QnreportError):
    """An outline, the registry, a round or a report config is missing or broken."""


class BuildError(QnreportError):
    """A build cannot produce its report (no valid submission, output not writable...)."""


class OutputError(QnreportError):
    """The system refused to write an output (folder not writable, read-only or full disk,
    a file held open by Excel); the previous outputs are intact."""


class LockedError(QnreportError):
    """Another build of the same round is running."""


class UsageError(QnreportError):
    """The command was asked for something that does not exist (a round, an agency code):
    a usage error, exit code 2, like click's own."""

    exit_code = 2
