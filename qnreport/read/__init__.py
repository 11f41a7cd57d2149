"""Reading what agencies send: opening a file safely (``probe``), looking cells up by
name (``sheetbook``), tolerant reading of typed values (``values``), legacy Vietnamese
encodings (``legacy``), the typed result (``submission``), and replies that come as
Word or PDF letters instead of workbooks (``letter``).

May import: ``config`` and the base modules.
"""
