"""How every figure of the period report was computed, in the Dutch the report prints.

figures.py does the counting; each key there has its explanation here (a test checks
that none is missing).
"""

from verbindtafel_desktop import loneliness
from verbindtafel_desktop.reporting.anonymity import LEFT_OUT, MASKED
from verbindtafel_desktop.reporting.figures import AGE_GROUPS, COMPLETED_FROM
from verbindtafel_desktop.reporting.model import PeriodReport

EXPLANATIONS: dict[str, str] = {
    "reach.participants": (
        "Verschillende personen die in de periode minstens één keer als tafelgenoot "
        "aanwezig waren bij een gehouden sessie."
    ),
    "reach.new": (
        "Deelnemers van wie de eerste aanwezigheid als tafelgenoot (ooit, bij welke "
        "lichting ook) in de periode valt; als deel van alle unieke deelnemers."
    ),
    "reach.guests": (
        "Verschillende personen die in de periode als introducee bij een gehouden sessie "
        "aanwezig waren, uitgenodigd door een deelnemer."
    ),
    "reach.facilitators": (
        "Verschillende personen die in de periode als tafelbegeleider bij een gehouden "
        "sessie aanwezig waren."
    ),
    "reach.facilitator_hours": (
        "Aantal keren dat een tafelbegeleider bij een gehouden sessie aanwezig was, maal de "
        "ingestelde sessieduur inclusief voorbereiding."
    ),
    "reach.by_area": (
        "De unieke deelnemers naar het gebied van hun wijk (de 14 gebieden van Rotterdam)."
    ),
    "reach.by_neighbourhood": "De unieke deelnemers naar de wijk waar zij wonen.",
    "reach.by_age": (
        "De unieke deelnemers naar hun leeftijd op de laatste dag van de periode; "
        "de geboortedatum zelf staat nergens in het rapport."
    ),
    "reach.by_gender": "De unieke deelnemers naar gender, zoals vastgelegd.",
    "reach.by_route": (
        "Hoe de unieke deelnemers binnenkwamen: zelf, via een instelling (bij naam), of "
        "uitgenodigd of geworven door een deelnemer (het estafette-effect)."
    ),
    "activity.tables": "Tafels met minstens één gehouden sessie in de periode.",
    "activity.sessions_held": "Sessies met een datum in de periode en de status 'gehouden'.",
    "activity.sessions_planned": (
        "Sessies met een datum in de periode die nog 'gepland' staan: ze liggen na vandaag "
        "of de aanwezigheid is nog niet ingevuld."
    ),
    "activity.sessions_cancelled": "Sessies met een datum in de periode die niet doorgingen.",
    "activity.mixmoments": (
        "Mixmomenten (tafels samen, opnieuw ingedeeld) met een datum in de periode die "
        "gehouden zijn."
    ),
    "activity.mean_present": (
        "Aanwezige tafelgenoten bij gehouden sessies, gedeeld door het aantal gehouden "
        "sessies (begeleiders en introducees niet meegeteld)."
    ),
    "activity.attendance_rate": (
        "Van alle keren dat een tafelgenoot bij een gehouden sessie verwacht werd: het deel "
        "dat hij of zij aanwezig was."
    ),
    "activity.trajectories": (
        "Deelnames van tafelgenoten aan tafels waarvan de laatste sessie in de periode viel "
        "en waarvan geen sessie meer gepland staat."
    ),
    "activity.completed": (
        f"Van die afgelopen trajecten: het deel waarin de tafelgenoot bij {COMPLETED_FROM} of "
        "meer van de 5 sessies aanwezig was."
    ),
    "activity.dropped_out": (
        "Van die afgelopen trajecten: het deel met de status 'gestopt' (uitgevallen)."
    ),
    "outcomes.t0": "Verschillende personen met een beginmeting (T0) in de periode.",
    "outcomes.t1": "Verschillende personen met een eindmeting (T1) in de periode.",
    "outcomes.pairs": (
        "Deelnemers met een volledig ingevulde eindmeting (T1) in de periode én een volledig "
        "ingevulde beginmeting (T0) bij dezelfde lichting. Alle vergelijkingen T0–T1 gaan "
        "over deze groep."
    ),
    "outcomes.incomplete": (
        "Metingen in de periode waarin minstens één vraag open bleef. Zij krijgen geen "
        "score (er wordt niets geschat) en tellen niet mee in gemiddelden en aandelen."
    ),
    "outcomes.mean_t0": "Gemiddelde totaalscore (0–6) bij T0 van de groep met T0 én T1.",
    "outcomes.mean_t1": "Gemiddelde totaalscore (0–6) bij T1 van dezelfde groep.",
    "outcomes.change": ("Gemiddelde bij T1 min gemiddelde bij T0. Negatief is minder eenzaam."),
    "outcomes.lonely_t0": (
        "Deel van de groep met T0 én T1 met een score van 2 of meer (matig of sterk "
        "eenzaam) bij T0."
    ),
    "outcomes.lonely_t1": "Hetzelfde bij T1.",
    "outcomes.severe_improved": (
        "Van wie bij T0 sterk eenzaam was (score 5–6): het deel dat bij T1 matig of niet "
        "eenzaam was."
    ),
    "outcomes.network_t0": (
        "Gemiddeld aantal mensen met wie de deelnemer geregeld contact heeft (eigen "
        "opgave) bij T0, van wie dit bij T0 én T1 is gevraagd."
    ),
    "outcomes.network_t1": "Hetzelfde bij T1.",
    "outcomes.network_change": "Netwerkomvang bij T1 min die bij T0, gemiddeld per persoon.",
    "outcomes.t2": "Verschillende personen met een follow-up-meting (T2) in de periode.",
    "outcomes.mean_t2": "Gemiddelde totaalscore van de volledige T2-metingen in de periode.",
    "outcomes.categories_t0": (
        "De groep met T0 én T1 naar categorie bij T0: niet (0–1), matig (2–4) of sterk "
        "(5–6) eenzaam."
    ),
    "outcomes.categories_t1": "Dezelfde groep naar categorie bij T1.",
    "lasting.activity_share": (
        "Van de unieke deelnemers: het deel dat (uiterlijk aan het eind van de periode) "
        "meedoet aan een activiteit in het register, of er zelf een startte."
    ),
    "lasting.joined_existing": (
        "Unieke deelnemers die meedoen aan bestaand aanbod in de stad (koor, kookinitiatief, …)."
    ),
    "lasting.joined_own": (
        "Unieke deelnemers die meedoen aan een activiteit die deelnemers zelf startten."
    ),
    "lasting.started": "Unieke deelnemers die zelf een activiteit startten.",
    "lasting.still_going": (
        "Van de deelnemers bij wie bij de follow-up is nagevraagd of zij nog gaan: het deel "
        "dat nog naar minstens één activiteit gaat."
    ),
    "lasting.ties_t1": (
        "Paren deelnemers die elkaar buiten de sessies blijven zien, genoemd bij een "
        "eindmeting (T1) in de periode. Een paar telt één keer, ook als beiden het noemen."
    ),
    "lasting.people_with_ties": (
        "Van de deelnemers met een eindmeting (T1) in de periode: het deel dat minstens één "
        "andere deelnemer van De Verbindtafel blijft zien."
    ),
    "lasting.ties_t2": "Hetzelfde, genoemd bij een follow-up (T2) in de periode.",
    "lasting.by_activity": (
        "Unieke deelnemers per activiteit. Bestaand aanbod staat bij naam; eigen activiteiten "
        "van deelnemers zijn samengenomen, omdat hun naam iets over de deelnemers kan zeggen. "
        "Wie aan meer activiteiten meedoet, telt bij elk ervan."
    ),
    "relay.people": (
        "Iedereen die deelnam aan een lichting die in de periode liep (op de gekozen "
        "locatie): als tafelgenoot, als introducee bij een van haar sessies of op haar "
        "wervingslijst."
    ),
    "relay.reached": (
        "Van hen: wie door een ander is uitgenodigd of geworven, dus via de estafette kwam."
    ),
    "relay.generations": (
        "Hoe vaak de verbinding is doorgegeven: 1 = meegebracht door iemand die zelf kwam, "
        "2 = door iemand die zelf werd meegebracht, enzovoort. Dit is een diepte, geen "
        "aantal mensen."
    ),
    "relay.brought_in": (
        "Gemiddeld aantal mensen dat een tafelgenoot van deze lichtingen heeft uitgenodigd "
        "of geworven (ooit)."
    ),
    "relay.guests_enrolled": (
        "Van de introducees die nog geen tafelgenoot waren: het deel dat daarna zelf aan "
        "een tafel is gaan deelnemen."
    ),
    "relay.new_intake": (
        "Van de nieuwe tafelgenoten (hun eerste lichting): het deel dat is binnengebracht "
        "door iemand die zelf tafelgenoot was."
    ),
    "relay.longest_chain": (
        "Zoveel mensen brachten elkaar na elkaar binnen, binnen deze periode en locatie."
    ),
    "relay.brought_in_distribution": (
        "De tafelgenoten van deze lichtingen naar hoeveel mensen zij (ooit) uitnodigden of wierven."
    ),
}


def explanation(key: str) -> str:
    return EXPLANATIONS[key]


def method_paragraphs(report: PeriodReport) -> list[tuple[str, str]]:
    """(heading, text) for the page that says how the figures were computed."""
    small = f"<{report.minimum_count}"
    hours = f"{report.session_hours:g}".replace(".", ",")
    ages = ", ".join(name for _low, _high, name in AGE_GROUPS)
    dimensions = {"emotional": "emotioneel", "social": "sociaal"}
    items = " ".join(
        f"{item.number}. {item.statement} ({dimensions[item.dimension]})"
        for item in loneliness.ITEMS
    )
    return [
        (
            "Periode en afbakening",
            f"Alle cijfers gaan over {report.period}, {report.scope}. Een sessie of mixmoment "
            "telt mee als de datum in de periode valt en de tafel bij een lichting binnen de "
            "afbakening hoort; een meting als zij in de periode is afgenomen en bij zo'n "
            "lichting hoort.",
        ),
        (
            "Anonimiteit",
            "Dit rapport bevat geen namen, geboortedata, adressen, telefoonnummers of "
            f"e-mailadressen. Elk aantal van 1 tot en met {report.minimum_count - 1} staat er "
            f"als '{small}'; 0 blijft 0. Een percentage ontbreekt ('{LEFT_OUT}') als het deel, "
            f"het geheel of de rest daarvan zo'n kleine groep is, en een gemiddelde over "
            f"minder dan {report.minimum_count} mensen ontbreekt ook. Als in een verdeling "
            "precies één cel verborgen is, is ook de kleinste andere cel verborgen "
            f"('{MASKED}'), zodat de verborgen cel niet uit het totaal terug te rekenen is. "
            f"De drempel ({report.minimum_count}) is in te stellen bij het maken van het "
            "rapport.",
        ),
        (
            "Eenzaamheid",
            "Gemeten met de korte eenzaamheidsschaal van De Jong Gierveld (zes uitspraken, "
            "zoals in de Gezondheidsmonitor van de GGD), bij de start (T0), na de laatste "
            "sessie (T1) en eventueel na ongeveer drie maanden (T2). Een emotionele uitspraak "
            "telt 1 bij 'ja' of 'min of meer', een sociale bij 'nee' of 'min of meer'. "
            "Totaal 0–6: 0–1 niet eenzaam, 2–4 matig eenzaam, 5–6 sterk eenzaam. Een meting "
            f"met een open vraag krijgt geen score. De uitspraken: {items}",
        ),
        (
            "Leeftijd en uren",
            f"Leeftijdsgroepen: {ages}; leeftijd op de laatste dag van de periode. Uren van "
            f"tafelbegeleiders: {hours} uur per gehouden sessie (instelling).",
        ),
    ]
