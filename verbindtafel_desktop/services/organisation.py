"""The organisation's name and logo, printed on every PDF export.

Stored as AppSetting rows (they belong to the data, not to the PC):

| key                  | value                                                     |
|----------------------|-----------------------------------------------------------|
| `organisation_name`  | the centre's name, e.g. "Buurthuis De Ooievaar"           |
| `organisation_logo`  | the path of a PNG or JPEG file; empty for no logo         |
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import select

from verbindtafel_desktop.domain.models import AppSetting
from verbindtafel_desktop.services.errors import ValidationFailed

ORGANISATION_NAME = "organisation_name"
ORGANISATION_LOGO = "organisation_logo"
DEFAULT_NAME = "De Verbindtafel"
NAME_LIMIT = 120


@dataclass(frozen=True)
class Organisation:
    name: str
    logo: Path | None  # None: no logo chosen

    @property
    def shown_name(self) -> str:
        return self.name or DEFAULT_NAME


def check_logo(path: Path) -> None:
    """Raise ValueError (Dutch) unless `path` is a picture the PDF writer can place."""
    if not path.is_file():
        raise ValueError(f"Het bestand {path} bestaat niet.")
    from reportlab.lib.utils import ImageReader  # the PDF writer's reader, loaded on first use

    try:
        width, height = ImageReader(str(path)).getSize()
    except OSError as error:  # reportlab wraps what Pillow cannot read in OSError
        raise ValueError(
            "Dit bestand is geen afbeelding (kies een PNG- of JPEG-bestand)."
        ) from error
    if width < 1 or height < 1:
        raise ValueError("Deze afbeelding is leeg.")


class OrganisationService:
    def __init__(self, db: Any) -> None:
        self.db = db

    def get(self) -> Organisation:
        with self.db.session() as session:
            values = {
                row.key: row.value
                for row in session.exec(
                    select(AppSetting).where(
                        AppSetting.key.in_([ORGANISATION_NAME, ORGANISATION_LOGO])  # type: ignore[attr-defined]
                    )
                )
            }
        logo = values.get(ORGANISATION_LOGO, "")
        return Organisation(values.get(ORGANISATION_NAME, ""), Path(logo) if logo else None)

    def save(self, name: str, logo: str | Path | None) -> Organisation:
        """Store the name and logo; ValidationFailed names the field that is wrong."""
        errors: dict[str, str] = {}
        name = " ".join(name.split())
        if len(name) > NAME_LIMIT:
            errors["name"] = f"Gebruik hoogstens {NAME_LIMIT} tekens."
        logo_text = str(logo).strip() if logo else ""
        if logo_text:
            try:
                check_logo(Path(logo_text))
            except ValueError as error:
                errors["logo"] = str(error)
        if errors:
            raise ValidationFailed(errors)
        with self.db.session() as session:
            for key, value in ((ORGANISATION_NAME, name), (ORGANISATION_LOGO, logo_text)):
                row = session.get(AppSetting, key) or AppSetting(key=key)
                row.value = value
                session.add(row)
        return self.get()
