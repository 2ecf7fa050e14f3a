"""settings.production for bench/lighthouse.py: bench_settings, with the uploads served by the app.

In production the uploads come from the S3 bucket; here they are on local disk and served by
bench/lighthouse_urls.py, so that the pages' images and sharing cards load.
"""

from bench_settings import *  # noqa: F401,F403

ROOT_URLCONF = "lighthouse_urls"
MEDIA_URL = "/media/"
