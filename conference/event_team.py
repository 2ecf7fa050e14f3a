"""An event's team in the admin: who is in its editors group and the site-wide Moderators and
Accessibility reviewers groups, with a form to add or remove people.

Setting the event up (groups, permissions, review workflow) is `conference.editors.set_up_event_editing`,
the same code as `manage.py create_event_editors`: it runs when an event is created in the admin
(`admin_hooks.set_up_new_event`) and again, idempotently, when this page adds someone.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import WorkflowPage

from .editors import ACCESSIBILITY_REVIEWERS, MODERATORS, find_event_editors, set_up_event_editing
from .models import EventPage

# Adding people to groups is managing users: the same permission as Settings → Users.
PERMISSION = "auth.change_user"


def can_manage_team(user) -> bool:
    return user.has_perm(PERMISSION)


class TeamMemberForm(forms.Form):
    group = forms.ChoiceField(label="Group")
    user = forms.ModelChoiceField(
        label="Person", queryset=get_user_model().objects.filter(is_active=True).order_by("username")
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {str(group.pk): group for group in groups}
        self.fields["group"].choices = [(pk, group.name) for pk, group in self.groups.items()]

    def clean_group(self):
        return self.groups[self.cleaned_data["group"]]


class EventTeamView(WagtailAdminTemplateMixin, View):
    header_icon = "group"
    template_name = "conference/admin/event_team.html"

    def dispatch(self, request, pk):
        if not can_manage_team(request.user):
            raise PermissionDenied
        self.event = get_object_or_404(EventPage, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return f"Team of {self.event.title}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_explore", args=[self.event.pk]), "label": self.event.title},
            {"url": "", "label": "Team"},
        ]

    def groups(self):
        editors = find_event_editors(self.event)
        named = Group.objects.filter(name__in=[MODERATORS, ACCESSIBILITY_REVIEWERS]).order_by("name")
        return [g for g in [editors, *named] if g is not None]

    def _is_set_up(self):
        return WorkflowPage.objects.filter(page=self.event).exists()

    def get_context_data(self, **kwargs):
        groups = self.groups()
        kwargs.setdefault("form", TeamMemberForm(groups=groups))
        members = get_user_model().objects.filter(groups__in=groups).prefetch_related("groups").distinct()
        rows = [(group, [user for user in members if group in user.groups.all()]) for group in groups]
        return super().get_context_data(event=self.event, rows=rows, is_set_up=self._is_set_up(), **kwargs)

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data())

    def post(self, request, pk):
        if request.POST.get("action") == "set-up" or not self._is_set_up():
            group, report = set_up_event_editing(self.event)
            messages.success(request, f"Editing is set up for {self.event.title} ({len(report.changes)} changes).")
            if request.POST.get("action") == "set-up":
                return redirect("conference_event_team", self.event.pk)
        form = TeamMemberForm(request.POST, groups=self.groups())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        group, user = form.cleaned_data["group"], form.cleaned_data["user"]
        if request.POST.get("action") == "remove":
            user.groups.remove(group)
            messages.success(request, f"Removed {user.get_username()} from “{group.name}”.")
        else:
            user.groups.add(group)
            messages.success(request, f"Added {user.get_username()} to “{group.name}”.")
        return redirect("conference_event_team", self.event.pk)
