"""Indexing for big imports: once, in bulk, at the end instead of on every save.

Shared by the notes and the schedule importers.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def deferred_search_index(defer: bool):
    """Stop search-index updates on every save while an import runs (the importer indexes once at the end).

    Signal receivers are process-wide, so this is only for single-threaded
    processes such as management commands, never inside a web server.
    """
    if not defer:
        yield
        return
    models = [m for m in search_index.get_indexed_models() if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(objects):
    """Add objects to the search index, one bulk operation per model."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), {})[obj.pk] = obj
    for model, found in by_model.items():
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, list(found.values()))


@contextmanager
def import_transaction(defer_indexing: bool):
    """One import's writes, all or nothing. Wagtail updates its reference index on every save (three
    per new page) and the search index too; the import brings both up to date once, at the end
    (`index_at_end`), which is much quicker for big imports."""
    with transaction.atomic(), disable_reference_index_auto_update(), deferred_search_index(defer_indexing):
        yield


def index_at_end(referencing, searchable, defer_indexing: bool):
    """The reference index for `referencing` and, when it was deferred, the search index for `searchable`."""
    for obj in referencing:
        ReferenceIndex.create_or_update_for_object(obj)
    if defer_indexing:
        index_in_bulk(searchable)
