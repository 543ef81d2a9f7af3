"""A database made before the legal pages, the feedback and the search index
left the project package (rdz_site) migrates forward with nothing lost:
the rows, the Redaktion group's permissions, the admin's history, the login
throttling records and a search index that finds the content."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

# The newest migration of each app before the move.
BEFORE_THE_MOVE = [
    ("contacts", "0003_photo_checks"),
    ("projects", "0004_event_last_day"),
    ("rdz_site", "0002_search_entry"),
    ("pagecache", "0001_initial"),
]
# Columns that later migrations removed on purpose.
DROPPED_LATER = {
    # The privacy policy quotes settings.LOG_RETENTION_DAYS instead.
    "legal_legalpage": {"log_retention_days"},
}
# Permissions that later migrations gave the Redaktion group on purpose.
GRANTED_LATER = {("view_brokenlink", "Can view broken link")}
MOVED = {
    "rdz_site_legalpage": "legal_legalpage",
    "rdz_site_limitation": "legal_limitation",
    "rdz_site_feedback": "legal_feedback",
}


def rows(table):
    """Every row of `table` as a dict, in primary-key order."""
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted} ORDER BY id")  # noqa: S608 - our tables
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def group_permissions():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.codename, p.name FROM auth_group_permissions gp"
            " JOIN auth_permission p ON p.id = gp.permission_id"
            " JOIN auth_group g ON g.id = gp.group_id WHERE g.name = 'Redaktion'"
        )
        return sorted(cursor.fetchall())


def old_apps():
    """The models as the database has them now: our apps before the move,
    Django's and django-axes' at their newest."""
    loader = MigrationLoader(connection)
    ours = {"legal", "search", *(app for app, _name in BEFORE_THE_MOVE)}
    others = [node for node in loader.graph.leaf_nodes() if node[0] not in ours]
    return loader.project_state([*others, *BEFORE_THE_MOVE]).apps


def fill_old_database(apps):
    """Content, feedback, an editor and what the admin and django-axes keep,
    written through the models as they were before the move."""
    Organisation = apps.get_model("contacts", "Organisation")
    Contact = apps.get_model("contacts", "Contact")
    LegalPage = apps.get_model("rdz_site", "LegalPage")
    Limitation = apps.get_model("rdz_site", "Limitation")
    Feedback = apps.get_model("rdz_site", "Feedback")
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    AccessAttempt = apps.get_model("axes", "AccessAttempt")

    county = Organisation.objects.create(
        name="Altmarkkreis Salzwedel", slug="kreis", kind="county_unit", city="Salzwedel"
    )
    Contact.objects.create(
        function_de="Wirtschaftsförderung", function_en="Economic development",
        slug="wirtschaft", organisation=county,
    )  # fmt: skip
    statement = LegalPage.objects.create(
        kind="accessibility", title_de="Erklärung zur Barrierefreiheit",
        title_en="Accessibility statement", intro_de="<p>Text</p>", provider=county,
        statement_date=datetime.date(2026, 11, 1),
    )  # fmt: skip
    Limitation.objects.create(
        page=statement, order=1, description_de="Videos", reason_de="Noch keine",
    )  # fmt: skip
    Feedback.objects.create(
        page="/barrierefreiheit/", message="Kontrast zu schwach", language="de",
        answer_by=datetime.date(2027, 1, 1), email="a@example.org",
    )  # fmt: skip
    editor = User.objects.create(username="redaktion", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktion"))
    LogEntry.objects.create(
        user=editor, object_id=str(statement.pk), object_repr="Erklärung",
        action_flag=2, change_message="[]",
        content_type=ContentType.objects.get(app_label="rdz_site", model="legalpage"),
    )  # fmt: skip
    AccessAttempt.objects.create(
        username="redaktion", ip_address="127.0.0.1", user_agent="test", get_data="",
        post_data="", http_accept="", path_info="/admin/login/", failures_since_start=2,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_every_row():
    # The same start whichever tests ran before: no rows (neither the
    # session's content nor what migrations write), then the migrations from
    # before the Redaktion group's on.
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", "contacts", "0001_initial", verbosity=0)
    for app, name in BEFORE_THE_MOVE:
        call_command("migrate", app, name, verbosity=0)
    call_command("migrate", "legal", "zero", verbosity=0)
    call_command("migrate", "search", "zero", verbosity=0)
    fill_old_database(old_apps())
    before = {table: rows(table) for table in MOVED}
    permissions = group_permissions()
    log = rows("django_admin_log")
    attempts = rows("axes_accessattempt")
    assert all(before.values()) and len(permissions) > 30

    call_command("migrate", verbosity=0)

    tables = set(connection.introspection.table_names())
    assert not set(MOVED) & tables
    for old, new in MOVED.items():
        after = rows(new)
        # Columns added or removed by later migrations aside, every value is kept.
        kept = set(after[0]) & set(before[old][0])
        assert [{name: row[name] for name in kept} for row in after] == [
            {name: row[name] for name in kept} for row in before[old]
        ], new
        assert set(before[old][0]) - kept <= DROPPED_LATER.get(new, set()), new
    # The right to publish is added, and the view on broken links; nothing
    # else changes.
    assert [
        row
        for row in group_permissions()
        if not row[0].startswith("publish_") and row not in GRANTED_LATER
    ] == permissions
    assert rows("django_admin_log") == log
    assert rows("axes_accessattempt") == attempts
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT app_label FROM django_content_type WHERE id = %s",
            [log[0]["content_type_id"]],
        )
        assert cursor.fetchone() == ("legal",)

    from legal.models import Feedback, LegalPage
    from search.query import search

    assert LegalPage.objects.get().limitations.get().description_de == "Videos"
    assert Feedback.objects.get().message == "Kontrast zu schwach"
    assert [group.kind for group in search("Wirtschaftsförderung", "de")] == ["contacts"]
