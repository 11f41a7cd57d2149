"""What the clerk configures, read and checked: the project folder, the agency registry,
outlines, rounds, limits, and the named-cell contract of the templates.

May import: the base modules (``qnreport.errors``, ``files``, ``findings``, ``vntext``).
"""
