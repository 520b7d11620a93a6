"""The 5-session programme template that new tables are planned from."""

import json
from typing import Any

from sqlmodel import Session, select

from verbindtafel_desktop.assets import resource_path
from verbindtafel_desktop.domain.enums import Phase
from verbindtafel_desktop.domain.models import SessionTemplate

DEFAULT_PROGRAMME = ("programme", "default_programme.json")


def default_programme() -> list[dict[str, Any]]:
    """The shipped template's sessions, as read from resources/."""
    document = json.loads(resource_path(*DEFAULT_PROGRAMME).read_text(encoding="utf-8"))
    return list(document["sessions"])


def ensure_session_templates(session: Session) -> None:
    """Give a database without a template the shipped one."""
    if session.exec(select(SessionTemplate)).first() is not None:
        return
    for step in default_programme():
        session.add(
            SessionTemplate(
                number=step["number"],
                phase=Phase(step["phase"]),
                title=step["title"],
                goal=step["goal"],
                card_work=step["card_work"],
                mixed=step["mixed"],
                guests_welcome=step["guests_welcome"],
            )
        )
