"""The consolidated report: facts merged from the used submissions (``consolidate``),
its content as a document model (``compose``, ``document``), rendered to Word by Nghị
định 30/2020 (``render_docx`` over ``nd30``), and the summary workbook (``summary``).

May import: ``check`` (its results), ``read``, ``config`` and the base modules.
"""
