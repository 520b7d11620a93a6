"""The SQLite file: opening it safely, migrating it, locking it. No Qt."""
