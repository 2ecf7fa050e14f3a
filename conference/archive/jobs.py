"""Building an event's archive ZIP for the admin, in the background, into the default storage.

Why a thread started by the request, rather than building inside it or streaming: the demo takes
seconds, a 200-talk event most of a minute, longer than a worker should be held (and than a proxy
waits). A streamed ZIP would still hold the worker for the whole build. So the view writes a
status file, starts a thread in the same process and answers at once; the thread renders the
archive (through Django, as the command does), saves the ZIP to the default storage (S3 in
production, so any app server can offer it) and writes the status again. The admin page reads
the status and offers the download when it is ready. No table is needed: the state is two files
under `archives/<event id>/` in the storage.

If the process dies mid-build (a deploy, a worker recycled), the status stays "building": after
STALE_AFTER it counts as abandoned and the button is offered again.
"""

import datetime
import json
import logging
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import close_old_connections, connections
from django.utils import timezone

from conference.models import EventPage

from .build import export

logger = logging.getLogger(__name__)
STALE_AFTER = datetime.timedelta(minutes=30)
BUILDING, READY, FAILED = "building", "ready", "failed"


@dataclass
class Status:
    state: str
    started: str
    finished: str = ""
    file: str = ""
    size: int = 0
    error: str = ""
    summary: str = ""

    @property
    def started_at(self):
        return datetime.datetime.fromisoformat(self.started)

    @property
    def finished_at(self):
        return datetime.datetime.fromisoformat(self.finished) if self.finished else None

    @property
    def is_building(self) -> bool:
        return self.state == BUILDING and timezone.now() - self.started_at < STALE_AFTER

    @property
    def is_abandoned(self) -> bool:
        return self.state == BUILDING and not self.is_building


def folder(event) -> str:
    return f"archives/{event.pk}"


def status_name(event) -> str:
    return f"{folder(event)}/status.json"


def read_status(event) -> Status | None:
    try:
        with default_storage.open(status_name(event)) as stored:
            return Status(**json.loads(stored.read()))
    except (OSError, ValueError, TypeError):
        return None


def write_status(event, status: Status) -> None:
    name = status_name(event)
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(json.dumps(asdict(status)).encode()))


_lock = threading.Lock()


def start(event, *, run_in_thread=True) -> bool:
    """Start building `event`'s archive unless a build is under way; False when one is."""
    with _lock:
        current = read_status(event)
        if current and current.is_building:
            return False
        write_status(event, Status(state=BUILDING, started=timezone.now().isoformat()))
    if run_in_thread:
        threading.Thread(target=_build_in_thread, args=(event.pk,), name=f"archive-{event.pk}", daemon=True).start()
    else:
        build(EventPage.objects.get(pk=event.pk))
    return True


def _build_in_thread(event_pk: int) -> None:
    close_old_connections()
    try:
        build(EventPage.objects.get(pk=event_pk))
    finally:
        connections.close_all()  # this thread's own connections


def build(event) -> Status:
    previous = read_status(event)
    started = previous.started if previous else timezone.now().isoformat()
    try:
        with tempfile.TemporaryDirectory(prefix="archive-") as work:
            summary = export(event, Path(work) / event.slug, as_zip=True)
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            with open(summary.output, "rb") as archive:
                name = default_storage.save(f"{folder(event)}/{event.slug}-archive-{stamp}.zip", File(archive))
        old = previous.file if previous else ""
        status = Status(
            state=READY,
            started=started,
            finished=timezone.now().isoformat(),
            file=name,
            size=summary.bytes,
            summary=f"{summary.pages} pages, {summary.files} files",
        )
        write_status(event, status)
        if old and old != name and default_storage.exists(old):
            default_storage.delete(old)
        return status
    except Exception as error:
        logger.exception("The archive of %s could not be built", event.slug)
        status = Status(state=FAILED, started=started, finished=timezone.now().isoformat(), error=str(error))
        write_status(event, status)
        return status
