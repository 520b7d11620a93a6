"""The mixing board: mixmoments, mixed tables and the drag-and-drop seating."""
