"""Who may do what in the admin: per-event editors, moderators, accessibility reviewers and the review workflow.

Everything here is idempotent: each function looks for what it needs, creates only what is missing and
says what it did, so `manage.py create_event_editors` can be run again at any time (for instance after an
event is renamed) without duplicating a group, a permission or a workflow.

The roles:

- **Editors: <event title>** (one group per event) may open the admin, add pages under their event and
  edit them (and the event page itself), upload images into their event's collection and choose any image,
  and add and edit speakers (shared by all events). They cannot publish: their "Submit to Conference
  notes review" starts the review workflow.
- **Moderators** (site-wide) may add, edit, publish, lock and unlock every page, add, edit and delete
  speakers, and take the review task. Wagtail's own migrations create this group; we make sure it has
  what moderation needs.
- **Accessibility reviewers** (site-wide) may open the admin, edit any page and any speaker to fix
  accessibility problems, but not publish: their changes go through moderation like an editor's.

The review workflow, "Conference notes review", has one task, "Moderator approval" (a Wagtail
GroupApprovalTask for Moderators), and is assigned to each event page, so it covers the event, its days
and its talks: an editor's submission waits for a moderator, who approves (publishing it, or scheduling it
when it has a go-live date) or requests changes with a comment.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

MODERATORS = "Moderators"
ACCESSIBILITY_REVIEWERS = "Accessibility reviewers"
EDITORS_PREFIX = "Editors: "
REVIEW_WORKFLOW = "Conference notes review"
REVIEW_TASK = "Moderator approval"

# Page permissions are Django Permission objects on wagtailcore.Page (Wagtail 5.1+).
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
REVIEWER_PAGE_PERMISSIONS = ("change_page",)
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")

# How the setup report words each permission's action.
VERBS = {
    "add": "add",
    "change": "edit",
    "delete": "delete",
    "publish": "publish",
    "lock": "lock",
    "unlock": "unlock",
    "choose": "choose",
}


class EditorialSetupError(Exception):
    """Setup cannot go ahead; the message says why and what to do."""


def editors_group_name(event) -> str:
    """ "Editors: <event title>", shortened with an ellipsis to fit Group.name (150 characters)."""
    limit = Group._meta.get_field("name").max_length
    name = f"{EDITORS_PREFIX}{event.title}"
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


@dataclass
class SetupReport:
    """What a run changed, in words an administrator can read."""

    changes: list[str] = field(default_factory=list)

    def note(self, message: str):
        self.changes.append(message)


def _permission(app_label: str, codename: str) -> Permission:
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise EditorialSetupError(
            f"The permission {app_label}.{codename} does not exist: run `manage.py migrate` first."
        ) from None


def _grant_admin_access(group: Group, report: SetupReport):
    permission = _permission("wagtailadmin", "access_admin")
    if not group.permissions.filter(pk=permission.pk).exists():
        group.permissions.add(permission)
        report.note(f"{group.name}: may log in to the admin")


def _grant_speaker_permissions(group: Group, actions, report: SetupReport):
    """Speakers are shared by every event (one person, one identity), so these are site-wide."""
    for action in actions:
        permission = _permission("conference", f"{action}_speaker")
        if not group.permissions.filter(pk=permission.pk).exists():
            group.permissions.add(permission)
            report.note(f"{group.name}: may {VERBS[action]} speakers")


def _grant_page_permissions(group: Group, page: Page, codenames, report: SetupReport):
    for codename in codenames:
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )
        if created:
            where = "every page" if page.is_root() else f"pages under “{page.title}”"
            report.note(f"{group.name}: may {VERBS[codename.removesuffix('_page')]} {where}")


def _grant_image_permissions(group: Group, collection: Collection, codenames, report: SetupReport):
    for codename in codenames:
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission("wagtailimages", codename)
        )
        if created:
            where = "the whole image library" if collection.is_root() else f"the image collection “{collection}”"
            report.note(f"{group.name}: may {VERBS[codename.removesuffix('_image')]} images in {where}")


def _group(name: str, report: SetupReport) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        report.note(f"created the group “{name}”")
    return group


def ensure_site_groups(report: SetupReport) -> tuple[Group, Group]:
    """The site-wide Moderators and Accessibility reviewers groups, with their permissions."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()

    moderators = _group(MODERATORS, report)
    _grant_admin_access(moderators, report)
    _grant_speaker_permissions(moderators, ("add", "change", "delete"), report)
    _grant_page_permissions(moderators, root_page, MODERATOR_PAGE_PERMISSIONS, report)
    _grant_image_permissions(moderators, root_collection, ("add_image", "change_image", "choose_image"), report)

    reviewers = _group(ACCESSIBILITY_REVIEWERS, report)
    _grant_admin_access(reviewers, report)
    _grant_speaker_permissions(reviewers, ("change",), report)
    _grant_page_permissions(reviewers, root_page, REVIEWER_PAGE_PERMISSIONS, report)
    _grant_image_permissions(reviewers, root_collection, ("choose_image",), report)
    return moderators, reviewers


def ensure_review_workflow(moderators: Group, report: SetupReport) -> Workflow:
    """The one-task workflow in which a moderator approves or requests changes."""
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
        report.note(f"created the task “{REVIEW_TASK}”")
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
        report.note(f"re-enabled the task “{REVIEW_TASK}”")
    if not task.groups.filter(pk=moderators.pk).exists():
        task.groups.add(moderators)
        report.note(f"{moderators.name} may approve “{REVIEW_TASK}”")

    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created:
        report.note(f"created the workflow “{REVIEW_WORKFLOW}”")
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
        report.note(f"re-enabled the workflow “{REVIEW_WORKFLOW}”")
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())
        report.note(f"“{REVIEW_WORKFLOW}” has the task “{REVIEW_TASK}”")
    return workflow


def assign_workflow(event, workflow: Workflow, report: SetupReport):
    link = WorkflowPage.objects.filter(page=event).select_related("workflow").first()
    if link is None:
        WorkflowPage.objects.create(page=event, workflow=workflow)
        report.note(f"“{event.title}” and its pages now go through “{workflow.name}”")
    elif link.workflow_id != workflow.pk:
        previous = link.workflow.name
        link.workflow = workflow
        link.save(update_fields=["workflow"])
        report.note(f"“{event.title}” now goes through “{workflow.name}” instead of “{previous}”")


def _existing_editors_group(event) -> Group | None:
    """The event's editors group, found by its permission on the event so a renamed event keeps it."""
    by_permission = (
        Group.objects.filter(
            name__startswith=EDITORS_PREFIX,
            page_permissions__page=event,
            page_permissions__permission__codename="add_page",
        )
        .order_by("pk")
        .first()
    )
    return by_permission or Group.objects.filter(name=editors_group_name(event)).first()


def find_event_editors(event) -> Group | None:
    """The event's editors group, or None when editing has not been set up for it."""
    return _existing_editors_group(event)


def _event_collection(event, group: Group | None, report: SetupReport) -> Collection:
    """The collection the event's editors upload into: found through the group, else by the event title."""
    if group is not None:
        upload = group.collection_permissions.filter(permission__codename="add_image").select_related("collection")
        if (existing := upload.first()) is not None:
            return existing.collection
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=event.title).first()
    if collection is None:
        collection = root.add_child(name=event.title)
        report.note(f"created the image collection “{event.title}”")
    return collection


def ensure_event_editors(event, report: SetupReport) -> Group:
    name = editors_group_name(event)
    group = _existing_editors_group(event)
    collection = _event_collection(event, group, report)
    if group is None:
        group = _group(name, report)
    elif group.name != name:
        report.note(f"renamed the group “{group.name}” to “{name}”")
        group.name = name
        group.save(update_fields=["name"])
    _grant_admin_access(group, report)
    _grant_speaker_permissions(group, ("add", "change"), report)
    _grant_page_permissions(group, event, EDITOR_PAGE_PERMISSIONS, report)
    _grant_image_permissions(group, collection, ("add_image", "change_image", "choose_image"), report)
    _grant_image_permissions(group, Collection.get_first_root_node(), ("choose_image",), report)
    return group


def set_up_event_editing(event, usernames=()) -> tuple[Group, SetupReport]:
    """Everything an event needs for its editors to work under moderation, all or nothing."""
    report = SetupReport()
    User = get_user_model()
    users = []
    unknown = []
    for username in usernames:
        user = User.objects.filter(username=username).first()
        (users if user else unknown).append(user or username)
    if unknown:
        raise EditorialSetupError(f"No user named {', '.join(repr(u) for u in unknown)}.")

    with transaction.atomic():
        moderators, _ = ensure_site_groups(report)
        workflow = ensure_review_workflow(moderators, report)
        assign_workflow(event, workflow, report)
        group = ensure_event_editors(event, report)
        for user in users:
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                report.note(f"added {user.get_username()} to “{group.name}”")
    return group, report
