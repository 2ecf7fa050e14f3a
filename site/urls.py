from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from conference import discovery, page_create
from conference import views as conference_views
from home import views as home_views

# A database that cannot be reached answers 503 with Retry-After, not 500 (stack.outage).
handler500 = "stack.outage.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    *page_create.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", conference_views.search, name="search"),
    path("speakers/", conference_views.speaker_index, name="speaker_index"),
    path("speakers/<slug:slug>/", conference_views.speaker_detail, name="speaker_detail"),
    path("accessibility/", home_views.accessibility_statement, name="accessibility_statement"),
    path("", include("conference.schedule.urls")),
    # robots.txt, sitemap.xml, the Atom feeds, the read API (/api/v2/), /favicon.ico.
    path("", include(discovery)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
