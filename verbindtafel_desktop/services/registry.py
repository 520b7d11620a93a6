"""All services of one open database, built once and handed to the views."""

from dataclasses import dataclass

from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.activities import ActivityService
from verbindtafel_desktop.services.anonymisation import AnonymisationService
from verbindtafel_desktop.services.app_lock import AppLockService
from verbindtafel_desktop.services.attendance import AttendanceService
from verbindtafel_desktop.services.audit import AuditService
from verbindtafel_desktop.services.cards import CardService, ensure_default_deck
from verbindtafel_desktop.services.cohorts import CohortService
from verbindtafel_desktop.services.consent import ConsentService
from verbindtafel_desktop.services.dashboard import DashboardService
from verbindtafel_desktop.services.enrolment import EnrolmentService
from verbindtafel_desktop.services.follow_ups import FollowUpService
from verbindtafel_desktop.services.funders import FunderService
from verbindtafel_desktop.services.institutions import InstitutionService
from verbindtafel_desktop.services.locations import LocationService
from verbindtafel_desktop.services.meanings import MeaningService
from verbindtafel_desktop.services.measurements import MeasurementService
from verbindtafel_desktop.services.memberships import MembershipService
from verbindtafel_desktop.services.mixing_board import MixingBoardService
from verbindtafel_desktop.services.mixmoments import MixmomentService
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.people import PeopleService
from verbindtafel_desktop.services.people_import import PeopleImportService
from verbindtafel_desktop.services.person_history import PersonHistoryService
from verbindtafel_desktop.services.planning import PlanningService
from verbindtafel_desktop.services.privacy_settings import PrivacySettingsService
from verbindtafel_desktop.services.programme import ProgrammeService, ensure_session_templates
from verbindtafel_desktop.services.recruitment import RecruitmentService
from verbindtafel_desktop.services.relay import RelayService
from verbindtafel_desktop.services.report_settings import ReportSettingsService
from verbindtafel_desktop.services.retention import RetentionService
from verbindtafel_desktop.services.sessions import SessionService
from verbindtafel_desktop.services.settings import SettingsService
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
    measurements: MeasurementService
    activities: ActivityService
    funders: FunderService
    report_settings: ReportSettingsService
    relay: RelayService
    enrolment: EnrolmentService
    recruitment: RecruitmentService
    person_history: PersonHistoryService
    settings: SettingsService
    programme: ProgrammeService
    planning: PlanningService
    sessions: SessionService
    attendance: AttendanceService
    follow_ups: FollowUpService
    cards: CardService
    meanings: MeaningService
    dashboard: DashboardService
    mixmoments: MixmomentService
    mixing_board: MixingBoardService
    consent: ConsentService
    audit: AuditService
    privacy_settings: PrivacySettingsService
    app_lock: AppLockService
    retention: RetentionService
    anonymisation: AnonymisationService

    @classmethod
    def for_database(cls, db: Database) -> "Services":
        """The services of `db`; a database without a programme template or card deck gets
        the shipped ones."""
        with db.session() as session:
            ensure_session_templates(session)
            ensure_default_deck(session)
        people = PeopleService(db)
        memberships = MembershipService(db)
        enrolment = EnrolmentService(db, memberships)
        settings = SettingsService(db)
        sessions = SessionService(db)
        follow_ups = FollowUpService(db, settings)
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
            measurements=MeasurementService(db),
            activities=ActivityService(db),
            funders=FunderService(db),
            report_settings=ReportSettingsService(settings),
            relay=RelayService(db),
            enrolment=enrolment,
            recruitment=RecruitmentService(db, people, enrolment),
            person_history=PersonHistoryService(db),
            settings=settings,
            programme=ProgrammeService(db),
            planning=PlanningService(db),
            sessions=sessions,
            attendance=AttendanceService(db, settings),
            follow_ups=follow_ups,
            cards=CardService(db),
            meanings=MeaningService(db),
            dashboard=DashboardService(db, sessions, follow_ups),
            mixmoments=MixmomentService(db),
            mixing_board=MixingBoardService(db, settings),
            consent=ConsentService(db),
            audit=AuditService(db),
            privacy_settings=privacy_settings,
            app_lock=AppLockService(privacy_settings),
            retention=RetentionService(db, privacy_settings),
            anonymisation=AnonymisationService(db),
        )
