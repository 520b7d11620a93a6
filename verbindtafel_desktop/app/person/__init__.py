"""A person's page: a window with tabs (details, relay, path, and what others add)."""
