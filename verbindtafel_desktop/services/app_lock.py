"""The app password: set, changed, removed and checked, stored only as an argon2 hash.

The password locks the screen (at start and after idle time); it does not encrypt the
database file. Someone who can copy the file can read it with other tools, which is why
the README advises a Windows account per user and BitLocker on the PC.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.privacy_settings import LOCK_HASH, PrivacySettingsService

MINIMUM_LENGTH = 8

_hasher = PasswordHasher()  # argon2id with the library's (RFC 9106) parameters


class AppLockService:
    def __init__(self, settings: PrivacySettingsService) -> None:
        self.settings = settings

    @property
    def enabled(self) -> bool:
        return bool(self.settings.value(LOCK_HASH))

    def verify(self, password: str) -> bool:
        """True for the right password (and when no password is set)."""
        stored = self.settings.value(LOCK_HASH)
        if not stored:
            return True
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
        if _hasher.check_needs_rehash(stored):  # the library's parameters grew stronger
            self.settings.set_values({LOCK_HASH: _hasher.hash(password)})
        return True

    def set_password(self, new: str, repeated: str, current: str = "") -> None:
        """Set or change the password; changing asks for the current one."""
        errors: dict[str, str] = {}
        if self.enabled and not self.verify(current):
            errors["current"] = "Het huidige wachtwoord klopt niet."
        if len(new) < MINIMUM_LENGTH:
            errors["new"] = f"Kies een wachtwoord van minstens {MINIMUM_LENGTH} tekens."
        elif new != repeated:
            errors["repeated"] = "De twee wachtwoorden zijn niet gelijk."
        if errors:
            raise ValidationFailed(errors)
        self.settings.set_values({LOCK_HASH: _hasher.hash(new)})

    def remove_password(self, current: str) -> None:
        if not self.verify(current):
            raise ValidationFailed({"current": "Het huidige wachtwoord klopt niet."})
        self.settings.set_values({LOCK_HASH: ""})
