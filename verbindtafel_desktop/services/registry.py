"""All services of one open database, built once and handed to the views."""

from dataclasses import dataclass

from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.anonymisation import AnonymisationService
from verbindtafel_desktop.services.app_lock import AppLockService
from verbindtafel_desktop.services.audit import AuditService
from verbindtafel_desktop.services.cohorts import CohortService
from verbindtafel_desktop.services.consent import ConsentService
from verbindtafel_desktop.services.enrolment import EnrolmentService
from verbindtafel_desktop.services.institutions import InstitutionService
from verbindtafel_desktop.services.locations import LocationService
from verbindtafel_desktop.services.memberships import MembershipService
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.people import PeopleService
from verbindtafel_desktop.services.people_import import PeopleImportService
from verbindtafel_desktop.services.person_history import PersonHistoryService
from verbindtafel_desktop.services.privacy_settings import PrivacySettingsService
from verbindtafel_desktop.services.programme import ensure_session_templates
from verbindtafel_desktop.services.recruitment import RecruitmentService
from verbindtafel_desktop.services.relay import RelayService
from verbindtafel_desktop.services.retention import RetentionService
from verbindtafel_desktop.services.tables import TableService


@dataclass
class Services:
    db: Database
    locations: LocationService
    cohorts: CohortService
    tables: TableService
    people: PeopleService
    institutions: InstitutionService
    memberships: MembershipService
    organisation: OrganisationService
    people_import: PeopleImportService
    relay: RelayService
    enrolment: EnrolmentService
    recruitment: RecruitmentService
    person_history: PersonHistoryService
    consent: ConsentService
    audit: AuditService
    privacy_settings: PrivacySettingsService
    app_lock: AppLockService
    retention: RetentionService
    anonymisation: AnonymisationService

    @classmethod
    def for_database(cls, db: Database) -> "Services":
        """The services of `db`; a database without a programme template gets the shipped one."""
        with db.session() as session:
            ensure_session_templates(session)
        people = PeopleService(db)
        memberships = MembershipService(db)
        enrolment = EnrolmentService(db, memberships)
        privacy_settings = PrivacySettingsService(db)
        return cls(
            db=db,
            locations=LocationService(db),
            cohorts=CohortService(db),
            tables=TableService(db),
            people=people,
            institutions=InstitutionService(db),
            memberships=memberships,
            organisation=OrganisationService(db),
            people_import=PeopleImportService(db, people),
            relay=RelayService(db),
            enrolment=enrolment,
            recruitment=RecruitmentService(db, people, enrolment),
            person_history=PersonHistoryService(db),
            consent=ConsentService(db),
            audit=AuditService(db),
            privacy_settings=privacy_settings,
            app_lock=AppLockService(privacy_settings),
            retention=RetentionService(db, privacy_settings),
            anonymisation=AnonymisationService(db),
        )
