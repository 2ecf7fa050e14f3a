"""Search indexing for big imports: once, in bulk, at the end instead of on every save."""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler


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
