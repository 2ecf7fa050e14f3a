"""Admin for speakers and a cross-event index of talks (wagtail-modeladmin)."""

from django.contrib.admin import SimpleListFilter
from django.db.models import Prefetch
from django.urls import path, reverse
from django.utils.html import format_html_join
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.helpers import PagePermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .admin_views import SpeakerDeleteView
from .admin_visibility import editable_pages, live_or_editable, only_editable
from .models import EventPage, LightningTalk, Speaker, TalkPage, TalkSpeaker
from .references import UsedImageDeleteView, refuse_bulk_delete_of_used_objects
from .schedule.admin import ImportScheduleMenuItem, TrackViewSet
from .schedule.admin_views import ImportScheduleView
from .speaker_admin import SpeakerCreateView


class EventFilter(SimpleListFilter):
    title = "event"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        # Another event's title is offered only once that event is live (see admin_visibility).
        events = EventPage.objects.filter(live_or_editable(request.user)).order_by("-start_date")
        return [(str(e.pk), e.title) for e in events]

    def _event(self):
        try:
            return EventPage.objects.get(pk=int(self.value()))
        except (TypeError, ValueError, EventPage.DoesNotExist):
            return None


class TalkEventFilter(EventFilter):
    def queryset(self, request, queryset):
        event = self._event()
        return queryset.descendant_of(event) if event else queryset


class SpeakerEventFilter(EventFilter):
    def queryset(self, request, queryset):
        event = self._event()
        return queryset.for_event(event) if event else queryset


class SpeakerAdmin(ModelAdmin):
    model = Speaker
    menu_label = "Speakers"
    menu_icon = "user"
    list_display = ("name", "slug", "talks", "talk_links")
    list_filter = (SpeakerEventFilter,)
    search_fields = ("name", "bio")
    ordering = ("name",)
    delete_view_class = SpeakerDeleteView
    create_view_class = SpeakerCreateView  # warns about a name already taken (speaker_admin.py)

    def get_queryset(self, request):
        speakers = super().get_queryset(request).with_talk_count()
        if request.user.is_superuser:
            return speakers.with_talk_pages()
        # The talk links name only pages the user may edit: no other event's drafts.
        editable = editable_pages(request.user).values("pk")
        return speakers.prefetch_related(
            Prefetch("talk_speakers", TalkSpeaker.objects.filter(talk__in=editable).select_related("talk")),
            Prefetch("lightning_talks", LightningTalk.objects.filter(page__in=editable).select_related("page")),
        )

    def talks(self, obj):
        return obj.talk_count

    talks.short_description = "Talks"
    talks.admin_order_field = "talk_count"

    def talk_links(self, obj):
        """Each talk the speaker is on, linked to its editor; drafts are marked."""
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>{}',
                (
                    (reverse("wagtailadmin_pages:edit", args=[talk.pk]), talk.title, "" if talk.live else " (draft)")
                    for talk in obj.prefetched_talk_pages()
                ),
            )
            or "—"
        )

    talk_links.short_description = "Talk pages"


class TalkPermissionHelper(PagePermissionHelper):
    def user_can_copy_obj(self, user, obj):
        # Deciding "Copy" loads each row's parent page: one query per talk. Copying
        # stays available from the page explorer and the page's own menu.
        return False


class TalkAdmin(ModelAdmin):
    model = TalkPage
    permission_helper_class = TalkPermissionHelper
    menu_label = "Talks index"
    menu_icon = "doc-full"
    list_display = ("title", "event_title", "day_title", "kind", "speaker_names", "status")
    list_filter = (TalkEventFilter, "kind", "live")
    search_fields = ("title", "summary")
    ordering = ("path",)

    def get_queryset(self, request):
        # The row buttons read each page's workflow state and scheduled revision: fetch them with the rows.
        # Only the talks the user may edit: an event's editors do not see other events' drafts.
        return (
            only_editable(super().get_queryset(request), request.user)
            .with_event_and_day()
            .with_speakers()
            .prefetch_workflow_states()
            .annotate_approved_schedule()
        )

    def event_title(self, obj):
        return obj.event_title

    event_title.short_description = "Event"

    def day_title(self, obj):
        return obj.day_title

    day_title.short_description = "Day"

    def speaker_names(self, obj):
        return format_html_join(", ", "{}", ((s.name,) for s in obj.speakers)) or "—"

    speaker_names.short_description = "Speakers"

    def status(self, obj):
        return "Live" if obj.live else "Draft"

    status.short_description = "Status"


class ConferenceAdminGroup(ModelAdminGroup):
    menu_label = "Conference"
    menu_icon = "date"
    menu_order = 200
    items = (TalkAdmin, SpeakerAdmin)


modeladmin_register(ConferenceAdminGroup)


# An image still used on pages cannot be deleted (references.py). This app's hooks run before
# wagtail.images' (INSTALLED_APPS order), so this address takes over Wagtail's image delete view.
@hooks.register("register_admin_urls")
def register_image_delete_url():
    return [path("images/<int:image_id>/delete/", UsedImageDeleteView.as_view(), name="conference_image_delete")]


hooks.register("before_bulk_action", refuse_bulk_delete_of_used_objects)

# The schedule (issue 13): tracks are a snippet, since a track is shared by talks on several days;
# "Import schedule" sits beside "Import notes", with the same permission.
register_snippet(TrackViewSet)


@hooks.register("register_admin_urls")
def register_import_schedule_url():
    return [path("schedule/import/", ImportScheduleView.as_view(), name="schedule_import")]


@hooks.register("register_admin_menu_item")
def register_import_schedule_menu_item():
    return ImportScheduleMenuItem("Import schedule", reverse("schedule_import"), icon_name="date", order=211)


# The page editor's helps, event set-up, Team page and dashboard panels (issue 15) register their hooks here.
from . import admin_hooks  # noqa: E402, F401
from .archive import wagtail_hooks as archive_hooks  # noqa: E402, F401
