"""Publishing an archive folder to S3 (`export_archive --to s3://bucket/prefix`).

The connection is the project's: the endpoint, region and credentials of the media storage
(`STORAGES["default"]["OPTIONS"]` in settings.production), or django-storages' AWS_* settings
and boto3's own credential chain where the media are not on S3. Only what changed is sent: an
object whose ETag (the MD5 of a single-part upload) equals the file's MD5 is left alone, so a
second upload of the same archive sends nothing. Objects under the prefix that the archive no
longer has are deleted only with --delete.
"""

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from storages.backends.s3 import S3Storage

SHORT_CACHE = "public, max-age=3600"
# Pagefind names its index chunks by their content's hash: they never change under one name.
FOREVER = "public, max-age=31536000, immutable"
IMMUTABLE_FOLDERS = ("pagefind/index/", "pagefind/fragment/", "pagefind/filter/")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".ics": "text/calendar; charset=utf-8",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".ico": "image/vnd.microsoft.icon",
    ".webmanifest": "application/manifest+json",
}
CONNECTION_OPTIONS = ("endpoint_url", "region_name", "access_key", "secret_key", "session_token", "addressing_style")


class UploadError(Exception):
    """The upload failed; the message names the bucket and, where known, the file."""


@dataclass
class UploadReport:
    uploaded: int = 0
    unchanged: int = 0
    deleted: int = 0
    bytes: int = 0
    kept: int = 0  # objects the archive no longer has, left because --delete was not given

    def __str__(self):
        text = f"{self.uploaded} files uploaded ({self.bytes:,} bytes), {self.unchanged} unchanged"
        if self.deleted:
            text += f", {self.deleted} deleted"
        if self.kept:
            text += f", {self.kept} no longer in the archive kept (--delete removes them)"
        return text


def content_type(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def cache_control(name: str) -> str:
    if name.startswith(IMMUTABLE_FOLDERS) or name.endswith(".pf_meta"):
        return FOREVER
    return SHORT_CACHE


@dataclass(frozen=True)
class S3Destination:
    bucket: str
    prefix: str

    @classmethod
    def parse(cls, url: str) -> "S3Destination":
        if not url.startswith("s3://"):
            raise ValueError(f"“{url}” is not an S3 location; write it as s3://bucket/prefix.")
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        if not bucket:
            raise ValueError(f"“{url}” names no bucket; write it as s3://bucket/prefix.")
        prefix = prefix.strip("/")
        return cls(bucket, f"{prefix}/" if prefix else "")

    def __str__(self):
        return f"s3://{self.bucket}/{self.prefix}"

    def storage(self) -> S3Storage:
        media = settings.STORAGES.get("default", {})
        options = (
            media.get("OPTIONS", {}) if "S3" in media.get("BACKEND", "") or "Media" in media.get("BACKEND", "") else {}
        )
        connection = {key: options[key] for key in CONNECTION_OPTIONS if options.get(key) is not None}
        return S3Storage(bucket_name=self.bucket, default_acl=None, file_overwrite=True, **connection)

    def upload(self, folder: Path, *, delete: bool = False) -> UploadReport:
        bucket = self.storage().bucket
        report = UploadReport()
        try:
            existing = {item.key: item.e_tag.strip('"') for item in bucket.objects.filter(Prefix=self.prefix)}
            files = sorted(path for path in Path(folder).rglob("*") if path.is_file())
            names = set()
            for path in files:
                name = path.relative_to(folder).as_posix()
                key = self.prefix + name
                names.add(key)
                body = path.read_bytes()
                if existing.get(key) == hashlib.md5(body, usedforsecurity=False).hexdigest():
                    report.unchanged += 1
                    continue
                bucket.put_object(Key=key, Body=body, ContentType=content_type(name), CacheControl=cache_control(name))
                report.uploaded += 1
                report.bytes += len(body)
            gone = sorted(set(existing) - names)
            if delete:
                for start in range(0, len(gone), 1000):
                    chunk = gone[start : start + 1000]
                    bucket.delete_objects(Delete={"Objects": [{"Key": key} for key in chunk], "Quiet": True})
                report.deleted = len(gone)
            else:
                report.kept = len(gone)
        except (ClientError, BotoCoreError) as error:
            code = getattr(error, "response", {}).get("Error", {}).get("Code", "")
            raise UploadError(f"Uploading to {self} failed ({code or type(error).__name__}): {error}") from error
        return report
