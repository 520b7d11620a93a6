"""What the membership rules say when they refuse a seat, shared by single and bulk seating."""


def already_at_table(table_name: str = "") -> str:
    if table_name:
        return f"Deze persoon zit al aan tafel '{table_name}'."
    return "Deze persoon zit al aan deze tafel."


def table_full(seated: int, capacity: int, table_name: str = "") -> str:
    which = f"De tafel '{table_name}'" if table_name else "De tafel"
    return f"{which} is vol ({seated} van {capacity} plaatsen)."


def open_elsewhere_in_cohort(table_name: str) -> str:
    return (
        f"Deze persoon doet in deze lichting al mee aan tafel '{table_name}'. "
        "Beëindig die deelname eerst."
    )
