"""Importing people from the spreadsheets staff already keep (xlsx and csv); no Qt."""
