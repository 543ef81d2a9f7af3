import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class OnPostgreSQL:
    """Changes the database only on PostgreSQL; the model state everywhere,
    so that makemigrations sees the same models on every database."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class CreateTrigramExtension(OnPostgreSQL, TrigramExtension):
    # Created if missing (an operator without the right to create it can do
    # so beforehand), and kept when going back: other objects may use it.
    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


class AddIndex(OnPostgreSQL, migrations.AddIndex):
    pass


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The old index (rdz_site_searchentry) used the same index names.
        ('rdz_site', '0003_move_legal_and_search'),
    ]

    operations = [
        CreateTrigramExtension(),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=20)),
                ('language', models.CharField(max_length=10)),
                ('object_id', models.PositiveBigIntegerField()),
                ('sort_key', models.TextField()),
                ('title', models.TextField()),
                ('url', models.TextField()),
                ('context', models.TextField(blank=True)),
                ('texts', models.JSONField(default=list)),
                ('body', models.TextField()),
                ('words', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                'indexes': [models.Index(fields=['language', 'kind', 'sort_key'], name='search_entry_order')],
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id', 'language'), name='search_entry_unique')],
            },
        ),
        # PostgreSQL's search indexes (see SearchEntry.Meta.indexes).
        AddIndex(
            model_name='searchentry',
            index=django.contrib.postgres.indexes.GinIndex(fields=['words'], name='search_entry_words'),
        ),
        AddIndex(
            model_name='searchentry',
            index=django.contrib.postgres.indexes.GinIndex(fields=['body'], name='search_entry_trigram', opclasses=('gin_trgm_ops',)),
        ),
    ]
