"""Read a schedule file from a path or an http(s) address, with a size limit."""

import urllib.error
import urllib.request
from pathlib import Path

from .formats.read import ScheduleError

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 30


def load_source(source: str) -> bytes:
    if source.startswith(("http://", "https://")):
        agent = {"User-Agent": "ConferenceNotes-import_schedule"}
        request = urllib.request.Request(source, headers=agent)  # noqa: S310 (http or https only)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (scheme checked above)
                data = response.read(MAX_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise ScheduleError(source, [f"could not fetch it: {getattr(error, 'reason', error)}"]) from None
    elif "://" in source:
        raise ScheduleError(source, ["only http:// and https:// addresses, or a file path, can be read"])
    else:
        path = Path(source)
        if not path.is_file():
            raise ScheduleError(source, ["no such file"])
        if path.stat().st_size > MAX_BYTES:
            raise ScheduleError(source, [f"larger than {MAX_BYTES // (1024 * 1024)} MB: is it the right file?"])
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ScheduleError(source, [f"larger than {MAX_BYTES // (1024 * 1024)} MB: is it the right file?"])
    return data
