"""The round's web portal (``qnreport serve``): agencies download their template, send their
file and see the findings at once; the clerk watches the round and builds the report.

A shell beside ``cli``: it puts the library functions behind pages and adds only what a
web server needs (accounts, sessions, a database of uploads and their history, a store
of the files received). ``store`` keeps the data, ``checker`` runs the CLI's checks in a
worker process, ``states`` says where each agency stands, ``app`` serves the pages.

May import: every room (``build``, ``report``, ``check``, ``read``, ``template``,
``config``) and the base modules; never ``cli``.
"""
