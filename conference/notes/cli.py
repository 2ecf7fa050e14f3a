"""Running a notes import from a management command (import_notes, load_demo): the user, the output, the errors."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError

from conference.editors import EDITORS_PREFIX

from .files import read_notes
from .importer import NotesImporter
from .spec import NotesError


def import_user(username):
    """The user an import acts as: `username`, or None (the operator) where no one else's rights matter.

    On a site with more than one event's editors, an import must say who it acts as, so that its
    revisions name a person and it is held to that person's permissions; on a single-team site the
    operator may import without one (see README, "Who an import acts as").
    """
    if username:
        try:
            user = get_user_model().objects.get(**{get_user_model().USERNAME_FIELD: username})
        except get_user_model().DoesNotExist:
            raise CommandError(f"--user: there is no user “{username}”.") from None
        if not user.is_active:
            raise CommandError(f"--user: the user “{username}” is inactive.")
        return user
    if Group.objects.filter(name__startswith=EDITORS_PREFIX).count() > 1:
        raise CommandError(
            "--user is required on this site (it has several editor groups): name the user the import acts as; "
            "it gets exactly that user's page permissions, and its revisions are recorded as theirs."
        )
    return None


def run_import(
    command,
    path,
    *,
    images=None,
    user=None,
    dry_run=False,
    publish=False,
    force=False,
    keep_edited=False,
    verbosity=1,
    verb="Imported",
    strict=False,
):
    """Parse and import one notes file, reporting to `command`'s output; CommandError on any problem."""
    out = command.stdout
    try:
        spec = read_notes(path, images)
        if strict and spec.warnings:
            raise NotesError(str(path), [warning.as_error() for warning in spec.warnings])
        importer = NotesImporter(
            spec,
            path,
            publish=publish,
            force=force,
            keep_edited=keep_edited,
            dry_run=dry_run,
            user=user,
            progress=lambda change: _progress(out, change, dry_run, verbosity),
            defer_indexing=True,  # a command runs alone in its process
        )
        report = importer.run()
    except NotesError as error:
        raise CommandError("\n".join(error.lines()) + "\nNothing was written.") from None
    for line in report.warning_lines():
        out.write(command.style.WARNING(line) if line.startswith(str(path)) else line)
    for title in report.left_alone:
        out.write(f"  not in the notes, left as it is: “{title}”")
    if dry_run:
        out.write(command.style.WARNING(f"Dry run of {path}: {report.summary()}. Nothing was written."))
    else:
        out.write(command.style.SUCCESS(f"{verb} {path}: {report.summary()}."))
    return report


def _progress(out, change, dry_run, verbosity):
    if verbosity >= 2 or (verbosity >= 1 and change.action != "unchanged"):
        out.write(f"  {'would be ' if dry_run else ''}{change}")
