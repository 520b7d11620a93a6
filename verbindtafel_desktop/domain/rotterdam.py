"""Rotterdam's 14 areas (gebieden) and a selection of their neighbourhoods (wijken).

Reports group by area; forms offer the neighbourhoods as suggestions.
"""

AREAS: dict[str, tuple[str, ...]] = {
    "Centrum": ("Cool", "Cs Kwartier", "Dijkzigt", "Nieuwe Werk", "Oude Westen", "Stadsdriehoek"),
    "Charlois": ("Carnisse", "Heijplaat", "Oud-Charlois", "Pendrecht", "Tarwewijk", "Wielewaal", "Zuidwijk"),
    "Delfshaven": ("Bospolder", "Delfshaven", "Middelland", "Nieuwe Westen", "Oud-Mathenesse", "Schiemond", "Spangen", "Tussendijken", "Witte Dorp"),
    "Feijenoord": ("Afrikaanderwijk", "Bloemhof", "Feijenoord", "Hillesluis", "Katendrecht", "Kop van Zuid", "Noordereiland", "Vreewijk"),
    "Hillegersberg-Schiebroek": ("Hillegersberg-Noord", "Hillegersberg-Zuid", "Molenlaankwartier", "Schiebroek", "Terbregge"),
    "Hoek van Holland": ("Hoek van Holland",),
    "Hoogvliet": ("Hoogvliet-Noord", "Hoogvliet-Zuid"),
    "IJsselmonde": ("Beverwaard", "Groot-IJsselmonde", "Lombardijen", "Oud-IJsselmonde"),
    "Kralingen-Crooswijk": ("De Esch", "Kralingen-Oost", "Kralingen-West", "Nieuw-Crooswijk", "Oud-Crooswijk", "Rubroek", "Struisenburg"),
    "Noord": ("Agniesebuurt", "Bergpolder", "Blijdorp", "Liskwartier", "Oude Noorden", "Provenierswijk"),
    "Overschie": ("Kleinpolder", "Overschie", "Zestienhoven"),
    "Pernis": ("Pernis",),
    "Prins Alexander": ("Het Lage Land", "Kralingseveer", "Nesselande", "Ommoord", "Oosterflank", "Prinsenland", "Zevenkamp"),
    "Rozenburg": ("Rozenburg",),
}  # fmt: skip


def area_of(neighbourhood: str) -> str | None:
    """The area a neighbourhood belongs to (case-insensitive), or None when unknown."""
    wanted = neighbourhood.strip().casefold()
    for area, neighbourhoods in AREAS.items():
        if any(wanted == known.casefold() for known in neighbourhoods):
            return area
    return None


def all_neighbourhoods() -> list[str]:
    return sorted(name for names in AREAS.values() for name in names)
