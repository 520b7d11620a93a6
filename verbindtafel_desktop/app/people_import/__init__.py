"""The wizard that imports people from a spreadsheet."""
