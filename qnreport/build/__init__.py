"""``qnreport build``: a round's report, rebuilt only when its sources changed.

``pipeline`` runs the steps (check → consolidate → compose → render → write atomically);
``manifest`` records what a build used and produced, ``changelog`` says what changed,
``history`` keeps replaced reports, ``lock`` keeps two builds of a round apart.

May import: every stage below it (``report``, ``check``, ``read``, ``config``) and the
base modules.
"""

from .pipeline import BuildOptions, BuildResult, RoundOutcome, build, build_all, output_names

__all__ = [
    "BuildOptions",
    "BuildResult",
    "RoundOutcome",
    "build",
    "build_all",
    "output_names",
]
