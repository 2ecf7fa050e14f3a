"""Import an EventSpec into the page tree: create or update the event, its days and talks.

Pages are matched by slug under their parent. A page whose content equals the
notes is left alone; any other change is saved as a new revision (published
with `publish=True`). If a page was edited in the admin since it was last
imported (its latest revision no longer matches what the import wrote, see
ImportedPage), the import stops and names it, unless `force=True`.
Everything happens in one transaction: on any problem nothing is written.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import DataError, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from conference.models import DayPage, EventPage, Speaker, TalkPage
from home.models import HomePage

from .models import ImportedPage
from .pages import Lookups, spec_of, state, state_hash
from .spec import NotesError, Problem, problem_lines
from .values import ValueBuilder

PAGE_KINDS = ("event", "day", "talk")


@dataclass
class Change:
    action: str  # created, updated, published, unchanged, kept (edited in the admin, left as it is)
    kind: str  # event, day, talk, speaker, image
    label: str
    line: int = 0

    def __str__(self):
        return f"{self.action} {self.kind} {self.label}"


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    changes: list[Change] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)  # pages on the site that the notes do not mention
    new_files: list[str] = field(default_factory=list)
    event_id: int | None = None
    warnings: list[Problem] = field(default_factory=list)  # what the import changed or dropped

    def warning_lines(self) -> list[str]:
        return problem_lines(self.source, self.warnings)

    @property
    def changed(self) -> bool:
        return any(c.action != "unchanged" for c in self.changes)

    def count(self, action, kinds=PAGE_KINDS) -> int:
        return sum(1 for c in self.changes if c.action == action and c.kind in kinds)

    def summary(self) -> str:
        updated = self.count("updated") + self.count("published")
        text = f"{self.count('created')} created, {updated} updated, {self.count('unchanged')} unchanged"
        if kept := self.count("kept"):
            text += f", {kept} kept as edited in the admin"
        extras = [
            f"{n} {kind}{'s' if n != 1 else ''}"
            for kind in ("speaker", "image")
            if (n := self.count("created", (kind,)))
        ]
        if extras:
            text += f" (new: {', '.join(extras)})"
        return text


@contextmanager
def deferred_search_index(defer: bool):
    """Stop search-index updates on every save while an import runs (the importer indexes once at the end).

    Signal receivers are process-wide, so this is only for single-threaded
    processes such as management commands, never inside a web server.
    """
    if not defer:
        yield
        return
    models = [m for m in search_index.get_indexed_models() if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(objects):
    """Add objects to the search index, one bulk operation per model."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), {})[obj.pk] = obj
    for model, found in by_model.items():
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, list(found.values()))


class NotesConflict(NotesError):
    """Pages edited in the admin since they were last imported."""


class NotesImporter:
    def __init__(
        self,
        spec,
        source,
        *,
        publish=False,
        force=False,
        keep_edited=False,
        dry_run=False,
        user=None,
        progress=None,
        defer_indexing=False,
    ):
        self.spec = spec
        self.source = str(source)
        self.publish = publish
        self.force = force
        # Leave pages edited in the admin as they are, instead of stopping (the demo loader's choice).
        self.keep_edited = keep_edited
        self.dry_run = dry_run
        self.user = user
        self.progress = progress or (lambda change: None)
        self.report = ImportReport(self.source, dry_run=dry_run, warnings=list(getattr(spec, "warnings", [])))
        self.problems: list[Problem] = []
        self.conflicts: list[Problem] = []
        self.touched = []  # pages saved, for the reference index
        self.new_objects = []  # speakers and images created, for the search index
        self.defer_indexing = defer_indexing

    def run(self) -> ImportReport:
        try:
            # Wagtail updates its reference index on every save, three per new page;
            # once per page at the end is enough and much quicker for big imports.
            with (
                transaction.atomic(),
                disable_reference_index_auto_update(),
                deferred_search_index(self.defer_indexing),
            ):
                self._run()
                for page in self.touched:
                    ReferenceIndex.create_or_update_for_object(page)
                if self.defer_indexing:
                    index_in_bulk(self.touched + self.new_objects)
                if self.problems:
                    raise NotesError(self.source, self.problems)
                if self.conflicts:
                    raise NotesConflict(self.source, self.conflicts)
                if self.dry_run:
                    transaction.set_rollback(True)
        except DataError as error:
            # Field checks catch over-long values on pages; this is the net for the rest
            # (e.g. a speaker's name over 255 characters), which PostgreSQL refuses at insert.
            self._remove_new_files()
            problem = Problem(0, f"the database refused a value: {str(error).strip()}", "shorten it in the notes")
            raise NotesError(self.source, [problem]) from None
        except BaseException:
            self._remove_new_files()
            raise
        if self.dry_run:
            self._remove_new_files()
        return self.report

    def _remove_new_files(self):
        # The database rolled back; the files written for new images did not.
        for name in self.report.new_files:
            default_storage.delete(name)

    def note(self, action, kind, label, line=0):
        change = Change(action, kind, label, line)
        self.report.changes.append(change)
        self.progress(change)

    def _run(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise NotesError(self.source, [Problem(1, "the site has no home page", "run `manage.py migrate` first")])
        self.lookups = Lookups()
        self.images_hashed = False
        self.values = ValueBuilder(self.speaker, self.image, self.problems)
        self.records = {}

        event = self.upsert(home, EventPage, self.spec, "event")
        self.report.event_id = event.pk if event else None
        for day_spec in self.spec.days:
            day = self.upsert(event, DayPage, day_spec, "day") if event else None
            for talk_spec in day_spec.talks:
                if day is not None:
                    self.upsert(day, TalkPage, talk_spec, "talk")
            if day is not None and day.pk:
                self._left_alone(day, TalkPage, {t.slug for t in day_spec.talks})
        if event is not None and event.pk:
            self._left_alone(event, DayPage, {d.slug for d in self.spec.days})

    def _left_alone(self, parent, model, slugs):
        for page in model.objects.child_of(parent).exclude(slug__in=slugs).only("title"):
            self.report.left_alone.append(page.title)

    # Pages ---------------------------------------------------------------------

    def upsert(self, parent, model, spec, kind):
        """The page for `spec` under `parent`, created or updated as needed (None if it could not be)."""
        label = f"“{spec.title}”"
        wanted = state_hash(state(spec, self.lookups))
        page = model.objects.child_of(parent).filter(slug=spec.slug).first()
        if page is None:
            page = model(slug=spec.slug, live=False)
            if not self._apply(page, spec):
                return None
            if not self._save(spec, lambda: self._add(parent, page)):
                return None
            return self._finish(page, page, spec, wanted, "created", kind, label)

        current = page.get_latest_revision_as_object() if page.latest_revision_id else page
        current_hash = state_hash(state(spec_of(current, self.lookups), self.lookups))
        record = ImportedPage.objects.filter(page=page).first()
        if current_hash == wanted:
            if self.publish and (not page.live or page.has_unpublished_changes) and page.latest_revision_id:
                page.get_latest_revision().publish(user=self.user)
                self.touched.append(page)
                self.note("published", kind, label, spec.line)
            else:
                self.note("unchanged", kind, label, spec.line)
            if record is None or record.content_hash != wanted:
                self._record(page, wanted)
            return page
        if not self.force and (record is None or record.content_hash != current_hash):
            if self.keep_edited:
                self.note("kept", kind, label, spec.line)
            else:
                self.conflicts.append(self._conflict(page, spec, kind, record))
            return page
        if not self._apply(current, spec):
            return page
        return self._finish(page, current, spec, wanted, "updated", kind, label)

    # Set by add_child(): not the notes' to get right, and empty until the page is in the tree.
    TREE_FIELDS = ("path", "depth", "numchild", "url_path", "draft_title", "locale")

    def _add(self, parent, page):
        # Field checks (lengths, choices) come before the insert: PostgreSQL refuses an
        # over-long value with a DataError, where SQLite would store it.
        page.clean_fields(exclude=[f.name for f in page._meta.fields if f.name in self.TREE_FIELDS or f.is_relation])
        parent.add_child(instance=page)
        # Wagtail validates only the title and slug of a page saved as not live.
        page.full_clean()

    def _apply(self, page, spec) -> bool:
        before = len(self.problems)
        self.values.apply(page, spec)
        return len(self.problems) == before

    def _save(self, spec, action) -> bool:
        try:
            action()
        except ValidationError as error:
            messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for name, texts in messages.items():
                # The page's own message, at the line that sets the field when there is one.
                line = getattr(spec, "field_lines", {}).get(name, spec.line)
                for text in texts:
                    where = f"{name}: " if name and name != "__all__" else ""
                    self.problems.append(Problem(line, f"“{spec.title}”: {where}{text}", "fix it in the notes"))
            return False
        return True

    def _finish(self, page, current, spec, wanted, action, kind, label):
        revision = None

        def save():
            nonlocal revision
            created = action == "created"
            # A new page was validated when it was added (see _add); an update is validated here.
            revision = current.save_revision(user=self.user, log_action=not created, clean=not created)
            if created:
                log(instance=page, action="wagtail.create", user=self.user, revision=revision, content_changed=True)
            if self.publish and created:
                self._publish_new(page, revision)
            elif self.publish:
                revision.publish(user=self.user)

        if not self._save(spec, save):
            return None if action == "created" else page
        self._record(page, wanted, revision)
        self.touched.append(page)
        self.note(action, kind, label, spec.line)
        return page

    def _publish_new(self, page, revision):
        """Publish a page this import just created, as Revision.publish() would.

        A new page has no previous revision, schedule, workflow or aliases, so
        publishing it needs only the live fields, the log entry and the signal;
        Revision.publish() would rebuild the page from the revision and save it
        (and its speakers, tags and lightning talks) all over again, which is most
        of the time a big import takes.
        """
        now = timezone.now()
        page.live, page.has_unpublished_changes, page.live_revision = True, False, revision
        page.first_published_at = page.first_published_at or now
        page.last_published_at = now
        fields = ["live", "has_unpublished_changes", "live_revision", "first_published_at", "last_published_at"]
        page.save(update_fields=fields, clean=False)
        log(instance=page, action="wagtail.publish", user=self.user, revision=revision, content_changed=True)
        page_published.send(sender=page.specific_class, instance=page.specific, revision=revision)

    def _record(self, page, content_hash, revision=None):
        ImportedPage.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "content_hash": content_hash,
                "revision": revision or page.get_latest_revision(),
                "source": Path(self.source).name[:255],
            },
        )

    def _conflict(self, page, spec, kind, record) -> Problem:
        latest = page.get_latest_revision()
        who = ""
        if latest is not None:
            by = f" by {latest.user.get_username()}" if latest.user else ""
            who = f" (last saved{by} on {latest.created_at:%Y-%m-%d %H:%M})"
        if record is None:
            message = (
                f"the {kind} “{spec.title}” already exists, was not imported from notes and differs from them{who}"
            )
        else:
            message = f"the {kind} “{spec.title}” was edited in the admin since it was last imported{who}"
        return Problem(
            spec.line,
            message,
            "use --force (in the admin: Overwrite admin edits) to replace it, the edits staying in its "
            "revision history; or run export_notes and merge the edits into your notes first",
        )

    # Speakers and images -------------------------------------------------------------

    def speaker(self, name) -> Speaker:
        slug = self.lookups.speaker_slug(name)
        speaker = self.lookups.by_slug.get(slug)
        if speaker is None:
            speaker = Speaker.objects.create(name=name, slug=slug)
            self.new_objects.append(speaker)
            self.lookups.by_slug[slug] = self.lookups.by_name[name] = speaker
            self.lookups.speakers[speaker.pk] = speaker
            self.note("created", "speaker", name)
        return speaker

    def image(self, ref):
        image = self.lookups.image_by_hash(ref.sha1)
        if image is None and not self.images_hashed:
            # Images uploaded without a hash (older code paths) get one, once.
            self.images_hashed = True
            for old in get_image_model().objects.filter(file_hash=""):
                old.get_file_hash()
            self.lookups.by_hash.pop(ref.sha1, None)
            image = self.lookups.image_by_hash(ref.sha1)
        if image is None:
            with ref.file.open("rb") as f:
                image = get_image_model()(title=ref.file.stem.replace("-", " ").replace("_", " ")[:255])
                image.file = ImageFile(f, name=ref.file.name)
                image._set_image_file_metadata()
                image.save()
            self.report.new_files.append(image.file.name)
            self.new_objects.append(image)
            self.lookups.by_hash[ref.sha1] = image
            self.note("created", "image", ref.file.name)
        return image
