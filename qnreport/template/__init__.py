"""The start of a round: blank Excel templates made from the outline, one per agency.

May import: ``config`` and the base modules.
"""
