"""A journal of the files an import writes, so a killed import leaves nothing behind for long.

An image's file goes to storage (S3 in production) when its row is saved, inside the import's
transaction. If the process dies there (kill -9, a lost container), the database rolls the row back
but nothing removes the file, and the next import of the same image gets a suffixed name. So before
writing a file, the import names it in a small journal object in the default storage; the journal is
removed once the transaction has committed (or after an error, with the files). Each import first
looks for journals older than the time budget allows any import to run: those imports are dead, and
the files they name that no image row points to are removed.
"""

import json
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from wagtail.images import get_image_model

from .limits import time_budget

FOLDER = "notes-imports/journal"


class FileJournal:
    def __init__(self, storage=None):
        self.storage = storage or default_storage
        self.name = f"{FOLDER}/{uuid.uuid4().hex}.json"
        self.files: list[str] = []

    def add(self, name: str):
        """Record `name` before the file is written (rewrites the journal object)."""
        self.files.append(name)
        payload = json.dumps({"files": self.files}).encode()
        if self.storage.exists(self.name):
            self.storage.delete(self.name)
        self.storage.save(self.name, ContentFile(payload))

    def remove_files(self):
        for name in self.files:
            self.storage.delete(name)

    def close(self):
        if self.files:
            self.storage.delete(self.name)
        self.files = []


def remove_leftovers(storage=None) -> list[str]:
    """Remove the files of imports that died before they finished; returns their names."""
    storage = storage or default_storage
    try:
        _, journals = storage.listdir(FOLDER)
    except FileNotFoundError:
        return []
    # An import stops itself when its time budget runs out, so one whose journal is older than
    # twice the budget is not running any more.
    stale_before = timezone.now() - timedelta(seconds=2 * time_budget())
    removed = []
    images = get_image_model().objects
    for journal in journals:
        name = f"{FOLDER}/{journal}"
        try:
            if storage.get_modified_time(name) > stale_before:
                continue
            with storage.open(name) as f:
                files = json.loads(f.read() or b"{}").get("files", [])
        except (FileNotFoundError, ValueError):
            continue
        for file in files:
            if not images.filter(file=file).exists() and storage.exists(file):
                storage.delete(file)
                removed.append(file)
        storage.delete(name)
    return removed
