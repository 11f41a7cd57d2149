"""Checking submitted files: per-file reading and checks (``filecheck``), batches with the
process pool and which letter is used (``batch``), results (``results``), the cache of
parsed files (``cache``), annotated copies (``annotate``), findings as text or JSON
(``findings_table``), and reply letters turned into filled templates (``letters``).

May import: ``read``, ``template`` (``letters`` fills a template), ``config`` and the base
modules.
"""
