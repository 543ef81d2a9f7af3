"""Fill the database with many generated events, contacts, projects and milestones.

Why: the real content is a handful of rows, so a slow query or a page that
renders every row would go unnoticed until the county has years of events.
The benchmark (bench/run.py) and the query-budget tests run against this
data. Everything generated is marked: slugs start with "bench-", titles with
"Testdaten" / "Test data", e-mail addresses use example.org, and no person
is named. It is never part of the fixtures; `--delete` removes it again.
"""

import datetime
import random

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from contacts.models import Contact, Organisation
from projects.models import DatePrecision, Event, Milestone, Project

PREFIX = "bench-"
TOWNS = [
    "Salzwedel",
    "Gardelegen",
    "Klötze",
    "Kalbe (Milde)",
    "Arendsee",
    "Beetzendorf",
    "Diesdorf",
    "Apenburg-Winterfeld",
    "Dähre",
    "Jübar",
    "Kuhfelde",
    "Rohrberg",
    "Wallstawe",
]
# (German, English) pairs for event titles and contact functions.
EVENT_KINDS = [
    ("Digitalsprechstunde für Unternehmen", "Digital consultation hour for businesses"),
    (
        "Workshop Online-Marketing für Handwerksbetriebe",
        "Online marketing workshop for craft businesses",
    ),
    ("Infoabend Glasfaseranschluss", "Information evening on fibre connections"),
    ("Stammtisch Coworking", "Coworking get-together"),
    ("Seminar Datenschutz im Verein", "Seminar on data protection in associations"),
    ("Schulung Online-Verwaltungsdienste", "Training on online administration services"),
    ("Netzwerktreffen Digitale Agenda", "Digital Agenda network meeting"),
    ("Vortrag IT-Sicherheit im Mittelstand", "Talk on IT security in small firms"),
]
UNITS = [
    ("Sachgebiet Digitalisierung", "Digitalisation unit"),
    ("Wirtschaftsförderung", "Economic development"),
    ("Breitbandkoordination", "Broadband coordination"),
    ("Bürgerservice", "Citizens' service"),
    ("Kreisentwicklung", "County development"),
]
MARK_DE, MARK_EN = "Testdaten", "Test data"
NOTE_DE = "Automatisch erzeugte Testdaten für Last- und Abfragetests."
NOTE_EN = "Generated test data for load and query tests."


class Command(BaseCommand):
    help = (
        "Add generated events, contacts, projects and milestones (slugs starting with "
        "'bench-') for benchmarks and scale tests; --delete removes them again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument(
            "--upcoming",
            type=int,
            default=20,
            help="How many of the events lie ahead (the rest are spread over past years).",
        )
        parser.add_argument("--contacts", type=int, default=1_000)
        parser.add_argument("--projects", type=int, default=100)
        parser.add_argument(
            "--milestones",
            type=int,
            default=1_000,
            help="Spread over the generated projects (at least one is made for them).",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--delete", action="store_true", help="Remove generated data only.")

    @transaction.atomic
    def handle(
        self, *args, events, upcoming, contacts, projects, milestones, seed, delete, **options
    ):
        removed = self.delete()
        if delete:
            self.stdout.write(self.style.SUCCESS(f"Removed {removed} generated rows."))
            return
        rng = random.Random(seed)  # noqa: S311 - repeatable test data, not secrets
        today = timezone.localdate()
        # Milestones belong to a project: at least one for them.
        projects = max(projects, 1 if milestones else 0)
        self.make_events(rng, today, events, min(upcoming, events))
        self.make_contacts(rng, contacts)
        self.make_projects_and_milestones(rng, today, projects, milestones)
        # bulk_create sends no signals: rebuild the search index and
        # invalidate the page cache once, here.
        call_command("rebuild_search_index", stdout=self.stdout)
        call_command("bump_content_version", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {events} events, {contacts} contacts, {projects} projects and "
                f"{milestones} milestones (slugs start with {PREFIX!r})."
            )
        )

    def delete(self):
        # Events and contacts first: projects and organisations protect them.
        count = 0
        for queryset in (
            Event.objects.filter(slug__startswith=PREFIX),
            Milestone.objects.filter(project__slug__startswith=PREFIX),
            Contact.objects.filter(slug__startswith=PREFIX),
            Project.objects.filter(slug__startswith=PREFIX),
            Organisation.objects.filter(slug__startswith=PREFIX),
        ):
            # delete() sends signals: the page cache and the search index follow.
            count += queryset.delete()[0]
        return count

    def make_events(self, rng, today, count, upcoming):
        rows = []
        for number in range(count):
            title_de, title_en = rng.choice(EVENT_KINDS)
            town = rng.choice(TOWNS)
            if number < upcoming:
                start = today + datetime.timedelta(days=rng.randint(0, 180))
            else:
                start = today - datetime.timedelta(days=rng.randint(1, 15 * 365))
            timed = rng.random() < 0.7
            start_time = datetime.time(rng.choice([9, 10, 14, 16, 18]), rng.choice([0, 30]))
            rows.append(
                Event(
                    slug=f"{PREFIX}event-{number}",
                    title_de=f"{MARK_DE}: {title_de} in {town}",
                    title_en=f"{MARK_EN}: {title_en} in {town}",
                    start_date=start,
                    start_time=start_time if timed else None,
                    end_time=(
                        datetime.time(start_time.hour + 2, start_time.minute) if timed else None
                    ),
                    end_date=start + datetime.timedelta(days=1)
                    if not timed and rng.random() < 0.2
                    else None,
                    venue_de=f"Bürgerhaus {town}",
                    venue_en=f"Community centre {town}",
                    address=town,
                    description_de=NOTE_DE,
                    description_en=NOTE_EN,
                    is_published=rng.random() < 0.95,
                )
            )
        Event.objects.bulk_create(rows, batch_size=1000)

    def make_contacts(self, rng, count):
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    slug=f"{PREFIX}organisation-{number}",
                    name_de=f"{MARK_DE}: Verwaltungseinheit {number}",
                    name_en=f"{MARK_EN}: Administrative unit {number}",
                    kind=Organisation.Kind.COUNTY_UNIT,
                    city=rng.choice(TOWNS),
                    order=1000 + number,
                )
                for number in range(max(1, count // 50))
            ]
        )
        rows = []
        for number in range(count):
            unit_de, unit_en = rng.choice(UNITS)
            rows.append(
                Contact(
                    slug=f"{PREFIX}contact-{number}",
                    function_de=f"{MARK_DE}: {unit_de} {number}",
                    function_en=f"{MARK_EN}: {unit_en} {number}",
                    organisation=organisations[number % len(organisations)],
                    email=f"{PREFIX}{number}@example.org",
                    order=number,
                    is_published=rng.random() < 0.95,
                )
            )
        Contact.objects.bulk_create(rows, batch_size=1000)

    def make_projects_and_milestones(self, rng, today, project_count, count):
        projects = Project.objects.bulk_create(
            [
                Project(
                    slug=f"{PREFIX}project-{number}",
                    title_de=f"{MARK_DE}: Projekt {number}",
                    title_en=f"{MARK_EN}: Project {number}",
                    summary_de=NOTE_DE,
                    summary_en=NOTE_EN,
                    # Long ago (before 2010 however many), so that the real
                    # project stays the featured one.
                    start_date=datetime.date(2000, 1, 1)
                    + datetime.timedelta(days=number % (10 * 365)),
                )
                for number in range(project_count)
            ]
        )
        rows = []
        for number in range(count):
            precision = rng.choice(list(DatePrecision))
            day = today - datetime.timedelta(days=rng.randint(0, 10 * 365))
            if precision != DatePrecision.DAY:
                day = day.replace(day=1, month=1 if precision == DatePrecision.YEAR else day.month)
            rows.append(
                Milestone(
                    project=projects[number % len(projects)],
                    slug=f"{PREFIX}milestone-{number}",
                    date=day,
                    date_precision=precision,
                    title_de=f"{MARK_DE}: Meilenstein {number}",
                    title_en=f"{MARK_EN}: Milestone {number}",
                    description_de=NOTE_DE,
                    description_en=NOTE_EN,
                )
            )
        Milestone.objects.bulk_create(rows, batch_size=1000)
