"""Import a schedule (read by formats/read.py) into the Event → Day → Talk skeleton.

Creates or updates the event, its days, tracks, speakers and talks; never touches a talk's
notes (body, tags, lightning talks). Talks are matched by guid, so a re-import after a schedule
change moves a talk instead of duplicating it, and says what moved. A talk whose schedule is
unchanged is left alone: a second run changes nothing. Every change is a new revision
(published with `publish=True`). All or nothing: one transaction, rolled back on any problem
or for a dry run.

The import acts as its user with the notes import's rules (conference/notes/permissions.py):
a page they may not add or edit stops it, named; with `publish=True`, a page they may not
publish is saved as a draft and submitted to its review workflow once everything else passed.
"""

import re
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from wagtail.log_actions import log
from wagtail.models import Page, Site
from wagtail.signals import page_published

from conference.models import DayPage, EventPage, LinkKind, TalkLink, TalkPage, TalkSpeaker, Track
from conference.models.events import date_outside_event_error
from conference.models.schedule import ACRONYM_PATTERN, DAY_CHANGE, is_time_zone, time_zone_names
from conference.models.talks import TalkKind

# The notes import's switches for bulk imports (shared, not copied): index once, at the end.
from conference.notes.indexing import import_transaction, index_at_end

# Its permission rules too: the import acts as its user exactly as a notes import does.
from conference.notes.permissions import ImportPermissions, submit_for_review

from .formats.read import ScheduleError
from .people import TracksAndSpeakers
from .report import ScheduleReport

KINDS = {
    "talk": TalkKind.TALK, "lecture": TalkKind.TALK, "keynote": TalkKind.KEYNOTE,
    "lightning": TalkKind.LIGHTNING, "lightning talk": TalkKind.LIGHTNING, "lightning talks": TalkKind.LIGHTNING,
    "lightningtalk": TalkKind.LIGHTNING, "panel": TalkKind.PANEL, "discussion": TalkKind.PANEL,
    "podium": TalkKind.PANEL, "workshop": TalkKind.WORKSHOP, "hands-on": TalkKind.WORKSHOP,
}  # fmt: skip
LINK_KINDS = {
    "slides": LinkKind.SLIDES, "recording": LinkKind.RECORDING, "video": LinkKind.RECORDING,
    "code": LinkKind.CODE, "code repository": LinkKind.CODE, "repository": LinkKind.CODE,
}  # fmt: skip
SUMMARY_MAX = TalkPage._meta.get_field("summary").max_length
KIND_NAMES = {EventPage: "event", DayPage: "day", TalkPage: "talk"}  # as the notes import names pages


class ScheduleImporter(TracksAndSpeakers):
    def __init__(
        self, schedule, source, *, event_slug=None, publish=False, dry_run=False, user=None, defer_indexing=False
    ):
        self.schedule, self.source = schedule, str(source)
        self.event_slug, self.publish, self.dry_run, self.user = event_slug, publish, dry_run, user
        # Index once at the end rather than on every save: only for a process of its own (manage.py).
        self.defer_indexing = defer_indexing
        self.permissions = ImportPermissions(user)
        self.report = ScheduleReport()
        self.problems: list[str] = []
        self.refusals: list[str] = []  # what the user may not do: reported before any other problem
        self.refused = set()
        self.to_submit = []  # pages saved as drafts that the user may not publish, for review at the end
        self.touched = []  # pages and speakers saved: reference and search indexes are updated once, at the end

    def run(self) -> ScheduleReport:
        with import_transaction(self.defer_indexing):
            self._run()
            if self.refusals:
                raise ScheduleError(self.source, self.refusals)
            pages = [obj for obj in self.touched if isinstance(obj, Page)]
            index_at_end(pages, self.touched, self.defer_indexing)
            if self.problems:
                raise ScheduleError(self.source, self.problems)
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                # Last, and never in a dry run: starting a workflow notifies the reviewers.
                # The page as stored, not the revision's copy that was saved: the workflow saves it again.
                stored = [Page.objects.get(pk=page.pk).specific for page in self.to_submit]
                self.report.submitted = sum(submit_for_review(page, self.user) for page in stored)
        return self.report

    # -- permissions and saving ---------------------------------------------------------------------

    def refuse(self, where, refusal):
        """Each refusal once, where the file first asks for it (a new speaker may be named by many talks)."""
        if refusal.message not in self.refused:
            self.refused.add(refusal.message)
            self.refusals.append(f"{where}: {refusal.message}")

    def may_add(self, parent, page, where, kind) -> bool:
        if self.permissions.may_add(parent, type(page)):
            return True
        self.refuse(where, self.permissions.cannot_add(0, kind, page.title, parent))
        return False

    def may_edit(self, page, where, kind) -> bool:
        if self.permissions.may_edit(page):
            return True
        self.refuse(where, self.permissions.cannot_edit(0, kind, page))
        return False

    def may_publish(self, page) -> bool:
        """With --publish: True to publish; False (a draft, submitted for review at the end) if the user may not."""
        if not self.publish:
            return False
        if self.permissions.may_publish(page):
            return True
        self.report.not_published.append(page.title)
        self.report.lines.append(f"saved as a draft and submitted for review (you may not publish it): “{page.title}”")
        self.to_submit.append(page)
        return False

    def add(self, parent, page, where, label) -> bool:
        if not self.may_add(parent, page, where, KIND_NAMES[type(page)]):
            return False
        page.live, page.owner = False, self.user
        try:
            # Wagtail checks only the title and slug of a page saved as a draft: check the rest here.
            # Uniqueness needs no query per page: guids were looked up and slugs chosen free (free_slug).
            page.full_clean(exclude=["path", "depth", "url_path"], validate_unique=False)
            parent.add_child(instance=page)
        except ValidationError as error:
            self.validation_problem(where, label, error)
            return False
        revision = page.save_revision(user=self.user, clean=False)
        log(instance=page, action="wagtail.create", user=self.user, revision=revision, content_changed=True)
        if self.may_publish(page):
            self.publish_new(page, revision)
        self.touched.append(page)
        return True

    def publish_new(self, page, revision):
        """Publish a page this import has just created, as Revision.publish() leaves it.

        A new page has no older revision, schedule, workflow or alias, so it needs only its live
        fields, the log entry and the signal; Revision.publish() would rebuild the page from the
        revision and save it and its relations again, which was most of a big import's time.
        """
        now = timezone.now()
        page.live, page.has_unpublished_changes, page.live_revision = True, False, revision
        page.first_published_at = page.last_published_at = now
        page.save(
            update_fields=[
                "live",
                "has_unpublished_changes",
                "live_revision",
                "first_published_at",
                "last_published_at",
            ],
            clean=False,
        )
        log(instance=page, action="wagtail.publish", user=self.user, revision=revision, content_changed=True)
        page_published.send(sender=type(page), instance=page, revision=revision)

    def save(self, page, where, label) -> bool:
        if not self.may_edit(page, where, "talk"):
            return False
        try:
            revision = page.save_revision(user=self.user, log_action=True)
        except ValidationError as error:
            self.validation_problem(where, label, error)
            return False
        if self.may_publish(page):
            revision.publish(user=self.user, skip_permission_checks=True)
        self.touched.append(page)
        return True

    def validation_problem(self, where, label, error):
        messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        for name, texts in messages.items():
            for text in texts:
                self.problems.append(f"{where}: “{label}”: {name + ': ' if name and name != '__all__' else ''}{text}")

    # -- the tree ------------------------------------------------------------------------------------

    def _run(self):
        event = self.event()
        if event is None:
            return
        zone = zoneinfo.ZoneInfo(event.time_zone)
        self.load_speakers()
        self.days = {day.date: day for day in DayPage.objects.child_of(event)}
        self.tracks = {track.name: track for track in Track.objects.filter(event=event)}
        for day_date in sorted(set(self.schedule.day_dates)):
            self.day(event, day_date)
        existing = {t.guid: t for t in TalkPage.objects.filter(guid__in=[t.guid for t in self.schedule.talks])}
        seen = set()
        for talk in self.schedule.talks:
            if talk.guid in seen:
                self.problems.append(f"{talk.where}: the guid {talk.guid} is used by another talk in this file")
                continue
            seen.add(talk.guid)
            local = talk.starts.astimezone(zone)
            conference_day = local.date() - timedelta(days=1) if local.time() < DAY_CHANGE else local.date()
            day = self.day(event, conference_day)
            if day is not None:
                self.talk(event, day, talk, local, existing.get(talk.guid))

    def event(self):
        s = self.schedule
        if self.event_slug:
            event = EventPage.objects.filter(slug=self.event_slug).first()
            if event is None:
                self.problems.append(f"--event {self.event_slug}: no event has this slug")
            return event
        acronym = s.acronym if re.search(ACRONYM_PATTERN, s.acronym) else ""
        slug = slugify(s.acronym.replace("_", "-")) or slugify(s.title)
        event = (acronym and EventPage.objects.filter(acronym=acronym).first()) or EventPage.objects.filter(
            slug=slug
        ).first()
        if event is not None:
            return event
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            self.problems.append("the site has no home page: run `manage.py migrate` first")
            return None
        if not (s.start and s.end):
            self.problems.append("$.schedule.conference: a new event needs its start and end dates")
            return None
        time_zone = s.time_zone if is_time_zone(s.time_zone) else self.zone_from_offsets()
        event = EventPage(
            title=s.title,
            slug=slug,
            acronym=acronym,
            start_date=s.start,
            end_date=s.end,
            location="Not given in the schedule",
            time_zone=time_zone or getattr(settings, "CONFERENCE_DEFAULT_TIME_ZONE", settings.TIME_ZONE),
        )
        if not self.add(site.root_page, event, "conference", s.title):
            return None
        self.report.note("created", f"event “{event.title}”")
        return event

    def zone_from_offsets(self) -> str:
        """A time zone whose offsets fit every talk's, for a file without a zone name (frab XML).

        The default zone when it fits; otherwise the first fitting name, said in the report,
        since offsets alone cannot tell Europe/Berlin from Europe/Paris.
        """
        instants = {talk.starts for talk in self.schedule.talks}
        default = getattr(settings, "CONFERENCE_DEFAULT_TIME_ZONE", settings.TIME_ZONE)

        def fits(name):
            zone = zoneinfo.ZoneInfo(name)
            return all(moment.astimezone(zone).utcoffset() == moment.utcoffset() for moment in instants)

        if fits(default):
            return default
        for name in time_zone_names():
            if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")) and fits(name):
                self.report.lines.append(f"the file names no time zone: chose {name}, which fits its times")
                return name
        return default

    def day(self, event, day_date):
        if day_date in self.days:
            return self.days[day_date]
        # The day page's own rule and message (DayPage.clean), checked before the page exists:
        # the days of a schedule are made, not written, so this names the day the talks fall on.
        outside = date_outside_event_error(day_date, event)
        if outside:
            self.problems.append(f"day {day_date}: {outside} Correct the event's dates first.")
            self.days[day_date] = None
            return None
        day = DayPage(title=f"{day_date:%A %-d %B}", slug=day_date.isoformat(), date=day_date)
        later = [d for d in self.days.values() if d is not None and d.date > day_date]
        if later:
            # Keep days in date order in the tree: their labels ("Day 2") follow their position.
            if not self.may_add(event, day, f"day {day_date}", "day"):
                return None
            day.live, day.owner = False, self.user
            min(later, key=lambda d: d.path).add_sibling(pos="left", instance=day)
            revision = day.save_revision(user=self.user, log_action=True)
            if self.may_publish(day):
                revision.publish(user=self.user, skip_permission_checks=True)
        elif not self.add(event, day, f"day {day_date}", day.title):
            return None
        self.days[day_date] = day
        self.report.note("created", f"day {day_date}")
        return day

    # -- talks ---------------------------------------------------------------------------------------

    def wanted(self, event, data, local):
        """The talk's schedule fields as the file gives them."""
        end = (local + timedelta(minutes=data.minutes)).time() if data.minutes else None
        summary = data.abstract.strip()
        if len(summary) > SUMMARY_MAX:
            summary = Truncator(summary).chars(SUMMARY_MAX)
            self.report.lines.append(f"shortened the abstract of “{data.title}” to {SUMMARY_MAX} characters")
        track = self.track(event, data.track, data.where)
        speakers = []
        for person in data.persons:
            speaker = self.speaker(person, data.where)
            if speaker is not None and speaker not in speakers:
                speakers.append(speaker)
        links = []
        for link in data.links:
            kind = LINK_KINDS.get((link.kind or link.title).strip().lower(), LinkKind.OTHER)
            title = "" if link.title.strip().lower() == LinkKind(kind).label.lower() else link.title.strip()[:255]
            links.append((kind, title, link.url))
        fields = {
            "title": data.title.strip(),
            "kind": KINDS.get(data.type.strip().lower(), TalkKind.TALK),
            "start_time": local.time().replace(second=0, microsecond=0),
            "end_time": end.replace(second=0, microsecond=0) if end else None,
            "room": data.room.strip(),
            "track_id": track.pk if track else None,
            "summary": summary,
            # Only a talk in another language than its event's says so (see conference/models/language.py).
            "language": data.language if data.language and data.language != event.language_code else "",
        }
        return fields, speakers, links

    def talk(self, event, day, data, local, page):
        fields, speakers, links = self.wanted(event, data, local)
        label = f"talk “{fields['title']}”"
        if page is None:
            talk = TalkPage(guid=data.guid, slug=self.free_slug(day, fields["title"]), **fields)
            self.set_relations(talk, speakers, links)
            if self.add(day, talk, data.where, fields["title"]):
                self.taken_slugs(day).add(talk.slug)
                self.report.note("created", f"{label} on {day.date} at {fields['start_time']:%H:%M}")
            return
        if not page.path.startswith(event.path):
            self.problems.append(f"{data.where}: the guid {data.guid} is a talk of another event (“{page.title}”)")
            return
        current = page.get_latest_revision_as_object()
        before = {name: getattr(current, name) for name in fields}
        same_relations = [ts.speaker_id for ts in current.talk_speakers.all()] == [s.pk for s in speakers] and [
            (link.kind, link.title, link.url) for link in current.links.all()
        ] == links
        moved_day = not page.path.startswith(day.path)
        old_day = page.get_parent().specific if moved_day else None
        if before == fields and same_relations and not moved_day:
            self.report.note("unchanged", label)
            return
        if moved_day:
            if not (self.may_add(day, page, data.where, "talk") and self.may_edit(page, data.where, "talk")):
                return
            page.move(day, pos="last-child", user=self.user)
            current = TalkPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(current, name, value)
        self.set_relations(current, speakers, links)
        if not self.save(current, data.where, fields["title"]):
            return
        was = self.where_when(before.get("start_time"), before.get("room"), old_day)
        now = self.where_when(fields["start_time"], fields["room"], day if moved_day else None)
        if was != now:
            self.report.note("moved", f"{label} from {was} to {now}")
        else:
            self.report.note("updated", label)

    @staticmethod
    def where_when(start, room, day=None) -> str:
        text = f"{start:%H:%M}" if start else "no time"
        text += f" in {room}" if room else ""
        return f"{day.date} {text}" if day is not None else text

    @staticmethod
    def set_relations(talk, speakers, links):
        talk.talk_speakers = [TalkSpeaker(speaker=s, sort_order=i) for i, s in enumerate(speakers)]
        talk.links = [TalkLink(kind=k, title=t, url=u, sort_order=i) for i, (k, t, u) in enumerate(links)]

    def taken_slugs(self, day) -> set:
        if not hasattr(self, "_slugs"):
            self._slugs = {}
        if day.pk not in self._slugs:
            self._slugs[day.pk] = set(day.get_children().values_list("slug", flat=True))
        return self._slugs[day.pk]

    def free_slug(self, day, title) -> str:
        base = slugify(title)[:60].strip("-") or "talk"
        slug, n = base, 2
        while slug in self.taken_slugs(day):
            slug, n = f"{base}-{n}", n + 1
        return slug
