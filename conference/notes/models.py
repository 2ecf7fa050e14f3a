from django.db import models


class ImportedPage(models.Model):
    """What the last notes import made of a page, to tell admin edits from the notes' own.

    `content_hash` is the hash of the page's notes content (see pages.state_hash)
    right after the import. When the page's latest revision no longer hashes
    to it, someone edited the page in the admin since, and the next import
    stops rather than overwrite that work (unless forced).
    """

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="notes_import")
    content_hash = models.CharField(max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=255, blank=True, help_text="The notes file it was last imported from.")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        permissions = [("import_notes", "Can import notes")]

    def __str__(self):
        return f"{self.page} from {self.source}"
