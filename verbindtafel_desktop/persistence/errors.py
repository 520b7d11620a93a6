"""Problems of the environment that the user can understand and act on.

Everything raised from here is a `DatabaseProblem`; the GUI and the CLI show its Dutch
message. Anything else that goes wrong is a bug and goes to the crash handler.
"""


class DatabaseProblem(Exception):
    """A known problem with the database file, explained in plain Dutch."""


class DatabaseInUse(DatabaseProblem):
    """Another running Verbindtafel has the file open."""


class SchemaTooNew(DatabaseProblem):
    """The file was written by a newer version of the app."""


class NotADatabase(DatabaseProblem):
    """The file is damaged or is not a Verbindtafel database."""


class MigrationFailed(DatabaseProblem):
    """Bringing the file to the newest schema failed; the backup was put back."""


class DatabaseDamaged(NotADatabase):
    """The file is an SQLite database, but its structure is damaged."""


class UnsafeLocation(DatabaseProblem):
    """The file lies on a network drive or in a sync folder, where SQLite's locks fail."""


class StorageProblem(DatabaseProblem):
    """Writing failed because of the disk: full, an I/O error, no permission, not there."""
