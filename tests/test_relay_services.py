"""The relay through the services: its graph, enrolling guests and recruits, the
recruitment list, a person's history, and the figures on a small known world."""

import datetime as dt

import pytest
import sqlalchemy as sa

from tests.relay_world import World, build_world, person
from verbindtafel_desktop.domain.enums import LeadStatus, MembershipRole, ReferralRoute
from verbindtafel_desktop.domain.models import Attendance, Invitation, Membership, Referral
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.person_history import StepKind
from verbindtafel_desktop.services.registry import Services
from verbindtafel_desktop.services.relay import RelayRole, RelayScope
from verbindtafel_desktop.services.relay_figures import figures_of


@pytest.fixture
def world(services: Services) -> World:
    return build_world(services)


def errors_of(call: object) -> dict[str, str]:
    assert callable(call)
    with pytest.raises(ValidationFailed) as refused:
        call()
    return refused.value.errors


def referral(services: Services, person_id: int) -> tuple[str, int | None]:
    with services.db.engine.connect() as connection:
        row = connection.execute(
            sa.select(Referral.route, Referral.referrer_id).where(Referral.person_id == person_id)
        ).one()
    return row[0], row[1]


def count(services: Services, model: type, **where: int) -> int:
    statement = sa.select(sa.func.count()).select_from(model)
    for key, value in where.items():
        statement = statement.where(getattr(model, key) == value)
    with services.db.engine.connect() as connection:
        return int(connection.execute(statement).scalar_one())


def test_the_graph_links_recorded_referrals_and_walk_in_guests(world: World) -> None:
    graph = world.services.relay.graph()
    p = world.people
    assert graph.people[p["cor"]].parent_id == p["anna"]
    # Dirk came in at the door without a route: his inviter brought him in.
    assert graph.people[p["dirk"]].parent_id == p["bram"]
    # Fatma joined a table herself and came back later as a guest: still a starter.
    assert graph.people[p["fatma"]].parent_id is None
    assert graph.people[p["fatma"]].role == RelayRole.PARTICIPANT
    assert graph.people[p["cor"]].role == RelayRole.GUEST
    assert graph.people[p["cor"]].generation == 1
    assert graph.children[p["anna"]] == [p["cor"]]
    assert graph.colour_cohort(p["eva"]) == world.cohorts["A"]
    assert graph.colour_cohort(p["cor"]) == world.cohorts["A"]
    assert graph.find("cor vries") == [p["cor"]]


def test_figures_on_a_known_world(world: World) -> None:
    graph = world.services.relay.graph()
    p = world.people
    everything = figures_of(graph, RelayScope())
    assert everything.people == 7
    assert everything.reached == 2  # Cor and Dirk
    assert everything.generations == 1
    assert everything.guests == 2  # Fatma was a participant before her visit
    assert everything.guests_enrolled == 0
    assert everything.brought_in_distribution == {0: 3, 1: 2}  # Anna, Bram brought one
    assert everything.longest_chain == [p["anna"], p["cor"]]

    world.services.enrolment.enrol(p["cor"], world.tables["maan"])
    graph = world.services.relay.graph()
    klooster = figures_of(graph, RelayScope(location_id=world.locations["klooster"]))
    # Eva's second round is not a new intake; nobody was brought in there.
    assert (klooster.participants, klooster.new_intake, klooster.reached) == (1, 0, 0)
    june = figures_of(graph, RelayScope(dt.date(2026, 5, 1), dt.date(2026, 7, 31)))
    assert june.new_intake == 2  # Gijs and Cor
    assert june.new_intake_by_participants == 1  # Cor, brought in by Anna
    assert june.guests == 0  # Fatma's visit in June is no first acquaintance
    spring = figures_of(graph, RelayScope(dt.date(2026, 3, 1), dt.date(2026, 4, 30)))
    assert (spring.guests, spring.guests_enrolled) == (2, 1)


def test_enrolling_a_guest_keeps_the_chain_and_the_history(world: World) -> None:
    services, p = world.services, world.people
    lead = services.recruitment.add(
        world.cohorts["A"], {"person_id": p["cor"], "recruiter_id": p["anna"]}
    )
    before = services.relay.graph().chain(p["cor"])
    membership = services.enrolment.enrol(p["cor"], world.tables["maan"])

    assert referral(services, p["cor"]) == (ReferralRoute.INVITED, p["anna"])
    assert services.relay.graph().chain(p["cor"]) == before == [p["anna"], p["cor"]]
    assert services.relay.graph().people[p["cor"]].role == RelayRole.PARTICIPANT
    assert count(services, Invitation, invitee_id=p["cor"]) == 1
    assert count(services, Attendance, person_id=p["cor"]) == 1
    with services.db.session() as session:
        seat = session.get(Membership, membership)
        assert seat is not None
        assert (seat.table_id, seat.role) == (world.tables["maan"], MembershipRole.PARTICIPANT)
    assert services.recruitment.leads(world.cohorts["A"])[0].lead_id == lead
    assert services.recruitment.leads(world.cohorts["A"])[0].status == LeadStatus.ENROLLED


def test_enrolling_a_walk_in_records_the_inviter(world: World) -> None:
    services, p = world.services, world.people
    defaults = services.enrolment.defaults(p["dirk"])
    assert (defaults.route, defaults.referrer_id) == (ReferralRoute.INVITED, p["bram"])
    assert defaults.first_visit == dt.date(2026, 3, 23)
    services.enrolment.enrol(p["dirk"], world.tables["ster"])
    assert referral(services, p["dirk"]) == (ReferralRoute.INVITED, p["bram"])


def test_enrolling_with_another_referrer_and_route(world: World) -> None:
    services, p = world.services, world.people
    services.enrolment.enrol(
        p["cor"], world.tables["ster"], route=ReferralRoute.RECRUITED, referrer_id=p["eva"]
    )
    assert referral(services, p["cor"]) == (ReferralRoute.RECRUITED, p["eva"])
    assert services.relay.graph().chain(p["cor"]) == [p["eva"], p["cor"]]


def test_refusals_change_nothing(world: World) -> None:
    services, p = world.services, world.people
    seats = count(services, Membership)
    # Nobody can be their own ancestor: Cor was brought in by Anna.
    errors = errors_of(
        lambda: services.enrolment.enrol(
            p["anna"], world.tables["maan"], route=ReferralRoute.RECRUITED, referrer_id=p["cor"]
        )
    )
    assert "kring" in errors["referrer_id"]
    # A table of a cohort that started before the guest's first visit.
    errors = errors_of(lambda: services.enrolment.enrol(p["cor"], world.tables["zon"]))
    assert "na het eerste bezoek als introducee (23-03-2026)" in errors["table_id"]
    # A full table: the membership rule's message lands on the table field.
    for extra in ("Hans", "Ilse"):
        services.memberships.add(world.tables["maan"], person(services, extra))
    errors = errors_of(lambda: services.enrolment.enrol(p["cor"], world.tables["maan"]))
    assert "vol (3 van 3" in errors["table_id"]
    assert "table_id" in errors_of(lambda: services.enrolment.enrol(p["cor"], None))
    assert count(services, Membership) == seats + 2
    assert referral(services, p["cor"]) == (ReferralRoute.INVITED, p["anna"])
    assert referral(services, p["anna"]) == (ReferralRoute.SELF, None)


def test_the_recruitment_list(world: World) -> None:
    services, p, cohort_a = world.services, world.people, world.cohorts["A"]
    assert {name for _id, name in services.recruitment.recruiter_options(cohort_a)} >= {
        "Anna de Vries",
        "Bram de Vries",
    }
    errors = errors_of(lambda: services.recruitment.add(cohort_a, {"first_name": "Jet"}))
    assert set(errors) == {"recruiter_id"}
    errors = errors_of(
        lambda: services.recruitment.add(
            cohort_a, {"first_name": "Jet", "phone": "123", "recruiter_id": p["bram"]}
        )
    )
    assert set(errors) == {"phone"}
    lead = services.recruitment.add(
        cohort_a,
        {
            "first_name": "Jet",
            "last_name": "Öztürk",
            "phone": "06-12345678",
            "recruiter_id": p["bram"],
            "note": "Buurvrouw van Bram",
        },
    )
    (row,) = services.recruitment.leads(cohort_a)
    assert (row.lead_id, row.name, row.recruiter, row.status) == (
        lead,
        "Jet Öztürk",
        "Bram de Vries",
        LeadStatus.INTERESTED,
    )
    assert referral(services, row.person_id) == (ReferralRoute.RECRUITED, p["bram"])
    duplicate = errors_of(
        lambda: services.recruitment.add(
            cohort_a, {"person_id": row.person_id, "recruiter_id": p["bram"]}
        )
    )
    assert "al op de wervingslijst" in duplicate["person_id"]

    refused = errors_of(
        lambda: services.recruitment.update(
            lead, {"status": LeadStatus.ENROLLED, "recruiter_id": p["bram"]}
        )
    )
    assert "Inschrijven aan tafel" in refused["status"]
    services.recruitment.update(
        lead, {"status": LeadStatus.INTERESTED, "recruiter_id": p["anna"], "note": "Belt terug"}
    )
    assert referral(services, row.person_id) == (ReferralRoute.RECRUITED, p["anna"])
    assert services.recruitment.form_values(lead)["note"] == "Belt terug"

    offered = {table for table, _text in services.recruitment.table_options(lead)}
    assert offered == {world.tables["maan"], world.tables["ster"]}
    assert (
        "na deze lichting"
        in errors_of(lambda: services.recruitment.enrol(lead, world.tables["zon"]))["table_id"]
    )
    services.recruitment.enrol(lead, world.tables["maan"])
    (row,) = services.recruitment.leads(cohort_a)
    assert row.status == LeadStatus.ENROLLED
    assert row.table == "Tafel Maan – Juni"
    assert referral(services, row.person_id) == (ReferralRoute.RECRUITED, p["anna"])

    services.recruitment.remove(lead)
    assert services.recruitment.leads(cohort_a) == []
    assert referral(services, row.person_id) == (ReferralRoute.RECRUITED, p["anna"])


def test_an_existing_person_on_the_list_becomes_recruited_unless_brought_in_before(
    world: World,
) -> None:
    services, p, cohort_b = world.services, world.people, world.cohorts["B"]
    newcomer = person(services, "Karim")
    services.recruitment.add(cohort_b, {"person_id": newcomer, "recruiter_id": p["gijs"]})
    assert referral(services, newcomer) == (ReferralRoute.RECRUITED, p["gijs"])
    services.recruitment.add(cohort_b, {"person_id": p["cor"], "recruiter_id": p["gijs"]})
    assert referral(services, p["cor"]) == (ReferralRoute.INVITED, p["anna"])
    # Karim cannot have recruited Gijs, who brought Karim in.
    loop = errors_of(
        lambda: services.recruitment.add(
            world.cohorts["C"], {"person_id": p["gijs"], "recruiter_id": newcomer}
        )
    )
    assert "kring" in loop["recruiter_id"]


def test_a_persons_history(world: World) -> None:
    services, p = world.services, world.people
    services.enrolment.enrol(p["cor"], world.tables["maan"], start_date=dt.date(2026, 6, 1))
    cor = services.person_history.history(p["cor"])
    assert cor.referrer == (p["anna"], "Anna de Vries")
    assert cor.generation == 1
    assert cor.role == RelayRole.PARTICIPANT
    assert [(step.kind, step.table) for step in cor.path] == [
        (StepKind.GUEST, "Tafel Zon"),
        (StepKind.PARTICIPANT, "Tafel Maan"),
    ]
    guest_step = cor.path[0]
    assert (guest_step.by, guest_step.session_number, guest_step.status) == (
        "Anna de Vries",
        4,
        "present",
    )
    anna = services.person_history.history(p["anna"])
    assert anna.chain == []
    assert [(child.name, child.role) for child in anna.brought_in] == [
        ("Cor de Vries", RelayRole.PARTICIPANT)
    ]
    assert anna.brought_in[0].tables == "Tafel Maan – Juni"
    (seat,) = anna.path
    assert (seat.kind, seat.held, seat.present) == (StepKind.PARTICIPANT, 5, 0)
    bram = services.person_history.history(p["bram"])
    assert [child.person_id for child in bram.brought_in] == [p["dirk"]]
    dirk = services.person_history.history(p["dirk"])
    assert dirk.route == ReferralRoute.INVITED and dirk.referrer == (p["bram"], "Bram de Vries")
    fatma = services.person_history.history(p["fatma"])
    assert fatma.referrer is None
    assert [step.kind for step in fatma.path] == [StepKind.PARTICIPANT, StepKind.GUEST]
