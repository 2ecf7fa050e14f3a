from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "conference.notes"
    label = "notes"
    verbose_name = "Notes import"
    default_auto_field = "django.db.models.BigAutoField"
