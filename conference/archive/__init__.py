"""A static archive of one event: every public page and file rendered through Django, as plain files.

`exporter` crawls and writes, `links` decides what belongs to the event and where each address
lives in the archive, `html` finds and rewrites the addresses in a page, `search` indexes the
archive with Pagefind, `s3` publishes it, `admin_views` builds it from the admin.
See docs/static-archive.md for the archive's layout.
"""
