"""The anonymised period report for the municipality and other funders (no Qt).

`figures.compute()` counts from the database, `anonymity.Anonymiser` decides what may be
shown, and `method` says in Dutch how every figure was made. The Excel and PDF writers
in `exports/` only lay out what these give them.
"""
