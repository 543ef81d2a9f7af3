"""The feedback form's rate limit moves from the cache into the database:
client networks (a keyed hash, never an address) and their recent attempts,
shared by every worker and app server."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('legal', '0002_rename_tables'),
    ]

    operations = [
        migrations.CreateModel(
            name='ClientNetwork',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(editable=False, max_length=64, unique=True)),
            ],
            options={
                'verbose_name': 'client network (feedback rate limit)',
                'verbose_name_plural': 'client networks (feedback rate limit)',
            },
        ),
        migrations.CreateModel(
            name='SubmissionAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('attempted_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False)),
                ('network', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='attempts', to='legal.clientnetwork')),
            ],
            options={
                'verbose_name': 'feedback submission attempt',
                'verbose_name_plural': 'feedback submission attempts',
            },
        ),
    ]
