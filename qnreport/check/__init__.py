"""Checking submitted files: per-file reading and checks (``filecheck``), batches with the
process pool and which letter is used (``batch``), results (``results``), the cache of
parsed files (``cache``), annotated copies (``annotate``) and findings as text or JSON
(``findings_table``).

May import: ``read``, ``config`` and the base modules.
"""
