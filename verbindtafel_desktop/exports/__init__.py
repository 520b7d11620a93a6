"""Excel and PDF exports for daily work; no Qt, so the GUI and the command line share them.

`registry.export(db, kind, scope, target, progress)` is the one entry point; the kinds
are in `registry.EXPORTS`. Each kind lives in its own module (participants, attendance,
signin, seating, namecards, cards, certificate) on top of `xlsx` and `pdf`, which give
every workbook and PDF the same professional layout.
"""
