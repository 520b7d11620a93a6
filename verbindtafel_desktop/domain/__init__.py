"""Domain model and rules: pure Python, no Qt, no database session handling."""
