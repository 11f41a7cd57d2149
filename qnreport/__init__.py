"""qnreport: the yearly industrial-plan report of Sở Công Thương Quảng Ngãi, as a pipeline.

Subpackages by stage, imports pointing one way (a stage imports only the ones below it):

    cli → build → report → check → read / template → config → base

The base modules (``errors``, ``files``, ``findings``, ``vntext``, ``xlsx``) import no
stage. ``tests/test_layout.py`` holds the rule.
"""

__version__ = "0.1.0"
