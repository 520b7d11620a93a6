"""Input widgets that speak the app's formats (Dutch dates, people from the database)."""
