"""The round before the report: creating it, asking for replies, watching who replied.

``new`` creates next year's round from this year's (dates moved on by Nghị định 09/2019,
last year's consolidated figures carried into the templates); ``status`` says who has
replied as of a date, as plain data a terminal or a web page shows alike; ``letters``
writes the request letter and the reminders as công văn in the Nghị định 30/2020 format.

Sits at the level of ``build``. May import: ``report``, ``check``, ``read``,
``template``, ``config`` and the base modules.
"""
