"""The legal pages, their limitations and the accessibility feedback, moved
here from the project package (rdz_site) with their rows.

The tables exist already (rdz_site 0001): this migration only takes the
models into this app's state, under their old table names, and moves their
content types along, so that permissions (the Redaktion group's among them)
and the admin's history keep pointing at them. 0002 then renames the tables.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


MODELS = ("legalpage", "limitation", "feedback")


def move_content_types(apps, schema_editor, source="rdz_site", target="legal"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not types.filter(app_label=target, model=model).exists():
            types.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="legal", target="rdz_site")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contacts', '0003_photo_checks'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('rdz_site', '0002_search_entry'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Feedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('page', models.CharField(max_length=500, verbose_name='page concerned')),
                        ('message', models.TextField(max_length=5000, verbose_name='message')),
                        ('language', models.CharField(choices=[('de', 'German'), ('en', 'English')], max_length=10, verbose_name='language')),
                        ('received_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='received')),
                        ('answer_by', models.DateField(editable=False, verbose_name='answer by')),
                        ('answered_at', models.DateField(blank=True, help_text='Set when the answer has been sent; the item then no longer counts as open.', null=True, verbose_name='answered on')),
                        ('staff_note', models.TextField(blank=True, verbose_name='internal note')),
                    ],
                    options={
                        'db_table': 'rdz_site_feedback',
                        'verbose_name': 'accessibility feedback',
                        'verbose_name_plural': 'accessibility feedback',
                        'ordering': ('-received_at',),
                    },
                ),
                migrations.CreateModel(
                    name='LegalPage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('imprint', 'Legal notice (Impressum)'), ('privacy', 'Privacy policy'), ('accessibility', 'Accessibility statement'), ('easy_read', 'Easy read (Leichte Sprache)')], max_length=20, unique=True, verbose_name='page')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('title_de', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('intro', models.TextField(blank=True, help_text='Allowed: paragraphs, headings (h2, h3), lists, links, bold, italics, line breaks, abbreviations. Anything else is removed when saving.', verbose_name='text before the details')),
                        ('intro_de', models.TextField(blank=True, help_text='Allowed: paragraphs, headings (h2, h3), lists, links, bold, italics, line breaks, abbreviations. Anything else is removed when saving.', null=True, verbose_name='text before the details')),
                        ('intro_en', models.TextField(blank=True, help_text='Allowed: paragraphs, headings (h2, h3), lists, links, bold, italics, line breaks, abbreviations. Anything else is removed when saving.', null=True, verbose_name='text before the details')),
                        ('body', models.TextField(blank=True, help_text='Same rules as the text before the details.', verbose_name='text after the details')),
                        ('body_de', models.TextField(blank=True, help_text='Same rules as the text before the details.', null=True, verbose_name='text after the details')),
                        ('body_en', models.TextField(blank=True, help_text='Same rules as the text before the details.', null=True, verbose_name='text after the details')),
                        ('is_published', models.BooleanField(default=True, verbose_name='published')),
                        ('legal_form', models.CharField(blank=True, max_length=200, verbose_name='legal form')),
                        ('legal_form_de', models.CharField(blank=True, max_length=200, null=True, verbose_name='legal form')),
                        ('legal_form_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='legal form')),
                        ('representative_role', models.CharField(blank=True, help_text='E.g. Landrat.', max_length=200, verbose_name='represented by (office)')),
                        ('representative_role_de', models.CharField(blank=True, help_text='E.g. Landrat.', max_length=200, null=True, verbose_name='represented by (office)')),
                        ('representative_role_en', models.CharField(blank=True, help_text='E.g. Landrat.', max_length=200, null=True, verbose_name='represented by (office)')),
                        ('representative_name', models.CharField(blank=True, help_text='The name of the person who holds the office today.', max_length=200, verbose_name='represented by (name)')),
                        ('vat_id', models.CharField(blank=True, max_length=40, verbose_name='VAT identification number')),
                        ('dpo_contact', models.TextField(blank=True, help_text='Name or function, postal address and e-mail address.', verbose_name='data protection officer')),
                        ('log_retention_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='server logs kept for (days)')),
                        ('compliance', models.CharField(blank=True, choices=[('full', 'fully compliant'), ('partial', 'partially compliant'), ('not', 'not compliant')], max_length=10, verbose_name='compliance status')),
                        ('statement_date', models.DateField(blank=True, null=True, verbose_name='statement prepared on')),
                        ('method', models.CharField(blank=True, choices=[('self', 'self-assessment'), ('third_party', 'assessment by a third party')], max_length=20, verbose_name='method')),
                        ('last_review_date', models.DateField(blank=True, null=True, verbose_name='last reviewed on')),
                        ('provider', models.ForeignKey(blank=True, help_text='Name, address, phone, e-mail and website are taken from this organisation.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contacts.organisation', verbose_name='provider')),
                    ],
                    options={
                        'db_table': 'rdz_site_legalpage',
                        'verbose_name': 'legal page',
                        'verbose_name_plural': 'legal pages',
                        'ordering': ('kind',),
                    },
                ),
                migrations.CreateModel(
                    name='Limitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                        ('description', models.TextField(verbose_name='what is not accessible')),
                        ('description_de', models.TextField(null=True, verbose_name='what is not accessible')),
                        ('description_en', models.TextField(null=True, verbose_name='what is not accessible')),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('reason_de', models.TextField(null=True, verbose_name='reason')),
                        ('reason_en', models.TextField(null=True, verbose_name='reason')),
                        ('alternative', models.TextField(blank=True, verbose_name='accessible alternative')),
                        ('alternative_de', models.TextField(blank=True, null=True, verbose_name='accessible alternative')),
                        ('alternative_en', models.TextField(blank=True, null=True, verbose_name='accessible alternative')),
                        ('page', models.ForeignKey(limit_choices_to={'kind': 'accessibility'}, on_delete=django.db.models.deletion.CASCADE, related_name='limitations', to='legal.legalpage', verbose_name='statement')),
                    ],
                    options={
                        'db_table': 'rdz_site_limitation',
                        'verbose_name': 'known limitation',
                        'verbose_name_plural': 'known limitations',
                        'ordering': ('page', 'order'),
                        'constraints': [models.UniqueConstraint(fields=('page', 'order'), name='limitation_order_unique')],
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(move_content_types, move_content_types_back),
            ],
        ),
    ]
