"""The one error a subcommand raises for bad input: printed as one line, exit status 1."""


class CommandError(Exception):
    pass
