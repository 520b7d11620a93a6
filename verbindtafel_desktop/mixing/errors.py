"""Errors raised by the table-mixing engine."""


# The name is part of the public interface the GUI and its tests use.
class MixConflict(ValueError):
    """The seating rules contradict each other or the input is invalid.

    The message is plain Dutch and names the people and tables involved, so the
    GUI can show it to the volunteer as is.
    """
