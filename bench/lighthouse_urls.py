"""The site's URLs plus the uploads from local disk (bench/lighthouse_settings.py)."""

import os

from django.urls import re_path
from django.views.static import serve

from urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": os.environ["BENCH_MEDIA_ROOT"]}),
    *site_urlpatterns,
]
