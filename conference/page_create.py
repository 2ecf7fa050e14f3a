"""Creating a page saves nothing until the editor chooses to.

Wagtail's autosave, on a page that does not exist yet, creates it with the first keystrokes: a title
typed and abandoned left a draft page behind, whose slug then refused the editor's next attempt with the
same title. So the create form does not autosave; once the editor saves a draft (or submits, or
publishes), the edit form autosaves as usual, since the page then exists on purpose. The "unsaved
changes" warning still stops an editor from leaving the form by accident.
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.create import CreateView


class CreatePageWithoutAutosaveView(CreateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        context["autosave_indicator"] = None
        return context


# Placed before Wagtail's admin URLs in urls.py, so Wagtail's own `wagtailadmin_pages:add`
# address is served by this view (hooks' admin URLs come after Wagtail's, so cannot replace it).
urlpatterns = [
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        require_admin_access(CreatePageWithoutAutosaveView.as_view()),
    ),
]
