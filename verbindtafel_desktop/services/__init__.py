"""Use cases on top of the database: what the views and the command line call. No Qt."""
