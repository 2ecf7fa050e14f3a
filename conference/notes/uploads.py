"""Notes and images uploaded in the admin, kept between the preview and the confirmation.

They live in the default storage (S3 in production), not on the server that received them: behind a
load balancer the confirmation, or a retry after a failed check, may reach another server. Each upload
is bound to the user who made it (another user's token finds nothing) and expires after a day; expired
uploads are removed whenever someone uploads again.
"""

import json
import secrets
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import get_valid_filename

PREFIX = "notes-imports/pending"
EXPIRES_AFTER = timedelta(days=1)


def _clean_name(name: str, default: str) -> str:
    return get_valid_filename(Path(name.replace("\\", "/")).name) or default


@dataclass
class PendingUpload:
    token: str
    user_id: int
    name: str = ""
    publish: bool = False
    force: bool = False
    images: list[str] = field(default_factory=list)
    created: str = ""  # ISO date and time: the upload expires EXPIRES_AFTER later

    @property
    def expired(self) -> bool:
        try:
            created = datetime.fromisoformat(self.created)
        except ValueError:
            return True
        return created < timezone.now() - EXPIRES_AFTER

    @property
    def folder(self) -> str:
        return f"{PREFIX}/{self.token}"

    def _path(self, *parts) -> str:
        return "/".join((self.folder, *parts))

    @classmethod
    def start(cls, user) -> "PendingUpload":
        remove_expired()
        return cls(token=secrets.token_urlsafe(16), user_id=user.pk, created=timezone.now().isoformat())

    @classmethod
    def load(cls, token, user) -> "PendingUpload | None":
        """The upload `token` of `user`, or None: unknown, another user's, or expired."""
        if not token or not isinstance(token, str) or not token.replace("-", "").replace("_", "").isalnum():
            return None
        pending = _read(token)
        if pending is None or pending.user_id != user.pk or pending.expired:
            return None
        return pending

    def _write(self, name, content: bytes | ContentFile):
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, content if isinstance(content, ContentFile) else ContentFile(content))

    def add(self, notes=None, images=()):
        """Keep uploaded files: a new notes file replaces the kept one, an image replaces one of its name."""
        if notes is not None:
            if self.name:
                default_storage.delete(self._path(self.name))
            self.name = _clean_name(notes.name, "notes.md")
            self._write(self._path(self.name), ContentFile(b"".join(notes.chunks())))
        for upload in images:
            name = _clean_name(upload.name, "image")
            self._write(self._path("images", name), ContentFile(b"".join(upload.chunks())))
            if name not in self.images:
                self.images.append(name)

    def save(self):
        self._write(self._path("upload.json"), json.dumps(asdict(self)).encode())

    @contextmanager
    def local_copy(self):
        """The notes and images in a local temporary folder, as the parser reads them: (notes path, images folder)."""
        with tempfile.TemporaryDirectory(prefix="notes-import-") as tmp:
            folder = Path(tmp)
            (folder / "images").mkdir()
            for relative in [self.name, *(f"images/{n}" for n in self.images)]:
                with default_storage.open(self._path(relative)) as source:
                    (folder / relative).write_bytes(source.read())
            yield folder / self.name, folder / "images"

    def delete(self):
        delete_folder(self.folder)


def _read(token) -> PendingUpload | None:
    try:
        with default_storage.open(f"{PREFIX}/{token}/upload.json") as f:
            data = json.loads(f.read())
        return PendingUpload(**{f.name: data[f.name] for f in fields(PendingUpload)})
    except (FileNotFoundError, OSError, ValueError, KeyError, TypeError):
        return None


def delete_folder(folder: str):
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    for sub in folders:
        delete_folder(f"{folder}/{sub}")


def remove_expired():
    try:
        tokens, _ = default_storage.listdir(PREFIX)
    except (FileNotFoundError, OSError):
        return
    for token in tokens:
        pending = _read(token)
        if pending is None or pending.expired:  # None: a description that was never written
            delete_folder(f"{PREFIX}/{token}")
