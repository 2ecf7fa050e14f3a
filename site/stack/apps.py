from django.apps import AppConfig


class StackConfig(AppConfig):
    name = "stack"
    verbose_name = "Production stack"

    def ready(self):
        from . import cdn, page_cache

        page_cache.connect_signals()
        cdn.connect_signals()
