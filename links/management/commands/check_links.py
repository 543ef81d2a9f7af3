"""`manage.py check_links`: asks every external link in the content once
(short timeouts) and keeps the broken ones, with where they are, for the
admin ("Defekte Links"). Meant to run daily (a systemd timer)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from links.checker import check, external_links
from links.models import BrokenLink, LinkCheck


class Command(BaseCommand):
    help = "Check every external link in the content and list the broken ones in the admin."

    def handle(self, *args, **options):
        places = external_links()
        problems = check(place.url for place in places)
        now = timezone.now()
        broken = [place for place in places if problems[place.url]]
        with transaction.atomic():
            kept = []
            for place in broken:
                link, _created = BrokenLink.objects.update_or_create(
                    url=place.url,
                    where=place.where,
                    defaults={
                        "edit_url": place.edit_url,
                        "problem": problems[place.url],
                        "last_checked": now,
                    },
                    create_defaults={
                        "edit_url": place.edit_url,
                        "problem": problems[place.url],
                        "last_checked": now,
                        "first_seen": now,
                    },
                )
                kept.append(link.pk)
            BrokenLink.objects.exclude(pk__in=kept).delete()
            # Only the latest run is kept: the list says when it was made.
            LinkCheck.objects.all().delete()
            LinkCheck.objects.create(finished_at=now, links_checked=len(problems))
        self.stdout.write(f"{len(problems)} links checked, {len({p.url for p in broken})} broken.")
