"""What a user may do to pages, speakers and images through an import: exactly their admin rights.

Imports (notes and schedules) write pages in bulk, so they must not let anyone past what the
admin would let them do one page at a time. This module answers the importer's questions with
Wagtail's own page permissions (`Page.permissions_for_user`) and the image collections' permission
policy, and words each refusal so the import can name the page and say what to ask for.

`user=None` is the operator at the command line: whoever can run `manage.py` holds the database
credentials already, so checking them would protect nothing (see README, "Who an import acts as").
"""

from dataclasses import dataclass

from .spec import Problem

ASK = "ask a moderator to import these notes, or to give you the permission"


@dataclass
class Refusal:
    line: int
    message: str

    def problem(self) -> Problem:
        return Problem(self.line, self.message, ASK)


class ImportPermissions:
    """One user's rights, asked page by page as the import reaches each page (before it writes it)."""

    def __init__(self, user=None):
        self.user = user

    @property
    def unrestricted(self) -> bool:
        return self.user is None

    def _tester(self, page):
        return page.permissions_for_user(self.user)

    def may_add(self, parent, model) -> bool:
        if self.unrestricted:
            return True
        return model.can_create_at(parent) and self._tester(parent).can_add_subpage()

    def may_edit(self, page) -> bool:
        return self.unrestricted or self._tester(page).can_edit()

    def may_publish(self, page) -> bool:
        """For a page that exists (a new page exists once the import has added it)."""
        return self.unrestricted or self._tester(page).can_publish()

    def may_add_speakers(self) -> bool:
        return self.unrestricted or self.user.has_perm("conference.add_speaker")

    def may_add_tracks(self) -> bool:
        return self.unrestricted or self.user.has_perm("conference.add_track")

    def image_collection(self):
        """The collection new images go into: the highest one the user may add images to (None: none)."""
        from wagtail.images import get_image_model
        from wagtail.models import Collection
        from wagtail.permissions import policy_registry

        if self.unrestricted:
            return Collection.get_first_root_node()
        policy = policy_registry.get_by_type(get_image_model())
        return policy.collections_user_has_permission_for(self.user, "add").order_by("path").first()

    # Refusals, worded for the person who ran the import ---------------------------------------------

    def cannot_add(self, line, kind, title, parent) -> Refusal:
        return Refusal(line, f"you may not add the {kind} “{title}” under “{parent.title}”")

    def cannot_edit(self, line, kind, page) -> Refusal:
        return Refusal(line, f"you may not edit the {kind} “{page.title}” (/{page.url_path.split('/', 2)[-1]})")

    def cannot_add_speaker(self, name) -> Refusal:
        return Refusal(0, f"you may not add speakers, and the import names a new one: “{name}”")

    def cannot_add_track(self, name) -> Refusal:
        return Refusal(0, f"you may not add tracks, and the import names a new one: “{name}”")

    def cannot_add_image(self, name) -> Refusal:
        return Refusal(0, f"you may not add images, and the notes use a new one: {name}")


def submit_for_review(page, user) -> bool:
    """Start the page's workflow for its latest revision, as "Submit for review" in the editor does.

    False when the page has no workflow (it stays a draft) or is already in review (the new revision
    joins the review in progress, as an editor's save does).
    """
    workflow = page.get_workflow()
    if workflow is None or not workflow.active or page.workflow_in_progress:
        return False
    workflow.start(page, user)
    return True
