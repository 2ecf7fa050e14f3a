"""Import an EventSpec into the page tree: create or update the event, its days and talks.

Pages are matched by slug under their parent. A page whose content equals the
notes is left alone; any other change is saved as a new revision (published
with `publish=True`). If a page was edited in the admin since it was last
imported (its latest revision no longer matches what the import wrote, see
ImportedPage), the import stops and names it, unless `force=True`.
Everything happens in one transaction: on any problem nothing is written.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import DatabaseError, DataError, IntegrityError, transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Site
from wagtail.signals import page_published

from conference.models import DayPage, EventPage, Speaker, TalkPage
from home.models import HomePage

from .indexing import import_transaction, index_at_end
from .journal import FileJournal, remove_leftovers
from .limits import Deadline
from .models import ImportedPage
from .pages import Lookups, spec_of, state, state_hash
from .permissions import ImportPermissions, submit_for_review
from .report import PAGE_KINDS, Change, ImportReport
from .spec import NotesError, Problem
from .values import ValueBuilder

__all__ = ["PAGE_KINDS", "Change", "ImportReport", "NotesConflict", "NotesDatabaseError", "NotesImporter"]


class NotesConflict(NotesError):
    """Pages edited in the admin since they were last imported."""


class NotesPermissionError(NotesError):
    """Pages, speakers or images the importing user may not add or change."""


class NotesDatabaseError(NotesError):
    """The database failed during the import; the transaction was rolled back."""


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
        deadline=None,
    ):
        self.spec = spec
        self.source = str(source)
        self.publish = publish
        self.force = force
        # Leave pages edited in the admin as they are, instead of stopping (the demo loader's choice).
        self.keep_edited = keep_edited
        self.dry_run = dry_run
        # The import acts as this user, with their page permissions (None: the operator, unrestricted).
        self.user = user
        self.permissions = ImportPermissions(user)
        self.deadline = deadline or Deadline()
        self.progress = progress or (lambda change: None)
        self.report = ImportReport(self.source, dry_run=dry_run, warnings=list(getattr(spec, "warnings", [])))
        self.problems: list[Problem] = []
        self.conflicts: list[Problem] = []
        self.refusals: list[Problem] = []
        self.touched = []  # pages saved, for the reference index
        self.new_objects = []  # speakers and images created, for the search index
        self.defer_indexing = defer_indexing
        self.journal = FileJournal()
        self.to_submit = []

    def run(self) -> ImportReport:
        remove_leftovers()
        try:
            with import_transaction(self.defer_indexing):
                self._run()
                if self.refusals:
                    raise NotesPermissionError(self.source, self.refusals)
                index_at_end(self.touched, self.touched + self.new_objects, self.defer_indexing)
                if self.problems:
                    raise NotesError(self.source, self.problems)
                if self.conflicts:
                    raise NotesConflict(self.source, self.conflicts)
                if self.dry_run:
                    transaction.set_rollback(True)
                else:
                    self._submit_all()
        except DataError as error:
            # Field checks catch over-long values on pages; this is the net for the rest
            # (e.g. a speaker's name over 255 characters), which PostgreSQL refuses at insert.
            self._remove_new_files()
            problem = Problem(0, f"the database refused a value: {str(error).strip()}", "shorten it in the notes")
            raise NotesError(self.source, [problem]) from None
        except IntegrityError:
            self._remove_new_files()
            raise
        except DatabaseError as error:
            # The connection broke (a restart, a network cut): the transaction never committed.
            self._remove_new_files()
            problem = Problem(
                0,
                f"the database failed during the import ({type(error).__name__}: {str(error).strip() or 'no detail'}); "
                "nothing was written",
                "run the import again once the database is back",
            )
            raise NotesDatabaseError(self.source, [problem]) from None
        except BaseException:
            self._remove_new_files()
            raise
        if self.dry_run:
            self._remove_new_files()
        else:
            self.journal.close()  # committed: the files are the images' now
        return self.report

    def _remove_new_files(self):
        # The database rolled back; the files written for new images did not.
        self.journal.remove_files()
        self.journal.close()

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
        self.values.event = event  # talks' tracks belong to it (conference/schedule/notes_keys.py)
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
        self.deadline.check(self.source, spec.line)
        label = f"“{spec.title}”"
        wanted = state_hash(state(spec, self.lookups))
        page = model.objects.child_of(parent).filter(slug=spec.slug).first()
        if page is None:
            if not self.permissions.may_add(parent, model):
                self.refusals.append(self.permissions.cannot_add(spec.line, kind, spec.title, parent).problem())
                return None
            page = model(slug=spec.slug, live=False, owner=self.user)
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
                if self.permissions.may_publish(page):
                    page.get_latest_revision().publish(user=self.user)
                    self.touched.append(page)
                    self.note("published", kind, label, spec.line)
                else:
                    self._submit_later(page, kind, label, spec.line)
                    self.note("unchanged", kind, label, spec.line)
            else:
                self.note("unchanged", kind, label, spec.line)
            if record is None or record.content_hash != wanted:
                self._record(page, wanted)
            return page
        if not self.permissions.may_edit(page):
            self.refusals.append(self.permissions.cannot_edit(spec.line, kind, page).problem())
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
            if self.publish and not self.permissions.may_publish(page):
                self._submit_later(page, kind, label, spec.line)
            elif self.publish and created:
                self._publish_new(page, revision)
            elif self.publish:
                revision.publish(user=self.user)

        if not self._save(spec, save):
            return None if action == "created" else page
        self._record(page, wanted, revision)
        self.touched.append(page)
        self.note(action, kind, label, spec.line)
        return page

    def _submit_later(self, page, kind, label, line):
        """The user may not publish `page`: it stays a draft, sent to its review once everything else passed."""
        self.report.not_published.append(page.title)
        self.to_submit.append((page, kind, label, line))

    def _submit_all(self):
        # Last, and never in a dry run: starting a workflow notifies the reviewers.
        for page, kind, label, line in self.to_submit:
            if submit_for_review(page, self.user):
                self.note("submitted", kind, label, line)

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
            if not self.permissions.may_add_speakers():
                # Still made (and rolled back with the rest), so every refusal is found in one run.
                self.refusals.append(self.permissions.cannot_add_speaker(name).problem())
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
            image = get_image_model()(title=ref.file.stem.replace("-", " ").replace("_", " ")[:255])
            image.collection = self.permissions.image_collection()
            if image.collection is None:
                # A row without a file (the import is refused and rolls back): every refusal is found in one run.
                self.refusals.append(self.permissions.cannot_add_image(ref.file.name).problem())
                image.collection = Collection.get_first_root_node()
                image.file.name, image.width, image.height = ref.file.name, 1, 1
                image.save()
                self.lookups.by_hash[ref.sha1] = image
                return image
            with ref.file.open("rb") as f:
                image.file = ImageFile(f, name=ref.file.name)
                image._set_image_file_metadata()
                # Journal the name the file will be stored under before writing it (see journal.py).
                name = image._meta.get_field("file").generate_filename(image, ref.file.name)
                self.journal.add(name)
                image.save()
            if image.file.name != name:  # the name was taken: the storage added a suffix
                self.journal.add(image.file.name)
            self.report.new_files.append(image.file.name)
            self.new_objects.append(image)
            self.lookups.by_hash[ref.sha1] = image
            self.note("created", "image", ref.file.name)
        return image
