"""A file that cannot be imported, with a Dutch message that says what to do."""

from verbindtafel_desktop.services.errors import ServiceError


class ImportProblem(ServiceError):
    """The file as a whole cannot be imported; nothing has been written."""
