"""What a service tells its caller when it refuses to do something."""


class ServiceError(Exception):
    """A refusal the user can understand; the message is Dutch and complete."""


class ValidationFailed(ServiceError):
    """Input that cannot be saved; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class InUse(ServiceError):
    """A record that other records still use; it can be archived instead of removed."""


class NotFound(ServiceError):
    pass
