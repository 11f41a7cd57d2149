"""The start of a round: blank Excel templates made from the outline, one per agency
(``workbook``), and the filler that types into them through the named-cell contract
(``fill``), as an agency would.

May import: ``config`` and the base modules.
"""
