"""`manage.py create_event_editors EVENT_SLUG`: the groups, permissions and workflow an event's editors need."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from conference.editors import ACCESSIBILITY_REVIEWERS, MODERATORS, REVIEW_TASK, REVIEW_WORKFLOW
from conference.testing import per_module

from .site import build_event_a

# Event A is built once for the module; event B (the conftest's) for each test that asks for it, so
# that the tests with event A alone see no other event.
_module_event_a, event_a = per_module(build_event_a)


def run(*args) -> str:
    out = StringIO()
    call_command("create_event_editors", *args, stdout=out)
    return out.getvalue()


def page_permissions(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True)
    )


def image_permissions(group, collection):
    return set(
        GroupCollectionPermission.objects.filter(group=group, collection=collection).values_list(
            "permission__codename", flat=True
        )
    )


def editorial_rows():
    """Every row the command may write, to show a second run or a failed run writes nothing."""
    return (
        sorted(Group.objects.values_list("name", flat=True)),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        sorted(Workflow.objects.values_list("name", flat=True)),
        sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        Collection.objects.count(),
    )


@pytest.mark.django_db
def test_it_creates_the_events_editors_group_with_permissions_on_that_event_only(event_a, event_b):
    output = run("pycon-a")

    group = Group.objects.get(name="Editors: PyCon A")
    assert "Editing is set up for PyCon A" in output
    assert "“Editors: PyCon A”" in output
    assert group.permissions.filter(codename="access_admin").exists()
    assert page_permissions(group, event_a.event) == {"add_page", "change_page"}
    assert not GroupPagePermission.objects.filter(group=group).exclude(page=event_a.event).exists()
    # Uploads land in the event's own collection; any image in the library may be chosen.
    collection = Collection.objects.get(name="PyCon A")
    assert image_permissions(group, collection) == {"add_image", "change_image", "choose_image"}
    assert image_permissions(group, Collection.get_first_root_node()) == {"choose_image"}


@pytest.mark.django_db
def test_it_creates_the_site_wide_moderators_and_accessibility_reviewers(event_a):
    run("pycon-a")
    root = event_a.event.get_root_nodes()[0]

    moderators = Group.objects.get(name=MODERATORS)
    assert {"add_page", "change_page", "publish_page"} <= page_permissions(moderators, root)
    reviewers = Group.objects.get(name=ACCESSIBILITY_REVIEWERS)
    assert reviewers.permissions.filter(codename="access_admin").exists()
    assert page_permissions(reviewers, root) == {"change_page"}  # they fix, moderators publish


@pytest.mark.django_db
def test_it_puts_the_event_under_the_moderators_review_workflow(event_a, event_b):
    run("pycon-a")

    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    assert workflow.active
    assert [task.specific for task in workflow.tasks] == [GroupApprovalTask.objects.get(name=REVIEW_TASK)]
    assert list(workflow.tasks[0].specific.groups.values_list("name", flat=True)) == [MODERATORS]
    assert WorkflowPage.objects.get(page=event_a.event).workflow == workflow
    # The event's days and talks inherit it; the other event keeps Wagtail's site-wide default.
    assert event_a.talk.get_workflow() == workflow
    assert event_b.talk.get_workflow() != workflow


@pytest.mark.django_db
def test_a_second_run_changes_nothing(event_a):
    run("pycon-a")
    before = editorial_rows()

    output = run("pycon-a")

    assert editorial_rows() == before
    assert "(0 changes)" in output


@pytest.mark.django_db
def test_a_renamed_event_keeps_its_group_and_collection(event_a):
    run("pycon-a")
    group = Group.objects.get(name="Editors: PyCon A")
    event_a.event.title = "PyCon A 2024"
    event_a.event.save_revision().publish()

    output = run("pycon-a")

    group.refresh_from_db()
    assert group.name == "Editors: PyCon A 2024"
    assert "renamed the group “Editors: PyCon A” to “Editors: PyCon A 2024”" in output
    assert Group.objects.filter(name__startswith="Editors: PyCon A").count() == 1
    assert Collection.objects.filter(name__startswith="PyCon A").count() == 1


@pytest.mark.django_db
def test_it_adds_named_users_to_the_group(event_a, django_user_model):
    ada = django_user_model.objects.create_user("ada")

    run("pycon-a", "--user", "ada")

    assert list(ada.groups.values_list("name", flat=True)) == ["Editors: PyCon A"]


@pytest.mark.django_db
def test_an_unknown_slug_is_a_clear_error(event_a):
    with pytest.raises(CommandError, match=r"No event has the slug 'pycon-z'\. Known event slugs: pycon-a\."):
        run("pycon-z")
    assert not Group.objects.filter(name__startswith="Editors: ").exists()


@pytest.mark.django_db
def test_an_unknown_user_is_a_clear_error_and_nothing_is_written(event_a):
    before = editorial_rows()
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        run("pycon-a", "--user", "ghost")
    assert editorial_rows() == before


@pytest.mark.django_db
def test_a_failure_half_way_writes_nothing(event_a):
    # On a site without the Moderators group and without the image "choose" permission, the
    # command creates the group and grants its page permissions before it finds the permission
    # missing: all of that must be undone.
    Group.objects.filter(name=MODERATORS).delete()
    Permission.objects.filter(content_type__app_label="wagtailimages", codename="choose_image").delete()
    before = editorial_rows()

    with pytest.raises(CommandError, match=r"wagtailimages\.choose_image does not exist: run `manage\.py migrate`"):
        run("pycon-a")

    assert editorial_rows() == before
    assert not Group.objects.filter(name=MODERATORS).exists()


@pytest.mark.django_db
def test_a_long_event_title_gives_a_group_name_that_fits(event_a):
    event_a.event.title = "The International Conference on " + "Very Long Names " * 12
    event_a.event.save_revision().publish()

    run("pycon-a")
    run("pycon-a")  # and finds the same group again

    (group,) = Group.objects.filter(name__startswith="Editors: The International")
    assert len(group.name) == 150
    assert group.name.endswith("…")
