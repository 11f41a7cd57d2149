"""Reading what agencies send: opening a file safely (``probe``), looking cells up by
name (``sheetbook``), tolerant reading of typed values (``values``), legacy Vietnamese
encodings (``legacy``), and the typed result (``submission``).

May import: ``config`` and the base modules.
"""
