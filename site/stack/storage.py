"""Media on S3 through django-storages, with errors an editor can understand.

`S3Storage` lets botocore's exceptions through. Two things go wrong because of that:
Wagtail only turns `OSError` into a "missing image" (so a rendition that cannot be generated
would break a public page with a 500), and the admin shows a bare server error for an upload the
bucket refused. `MediaStorage` raises `MediaStorageError`, an `OSError` with a message that
names the bucket and the likely cause; `stack.middleware.StorageErrorMiddleware` shows it in
the admin.
"""

import functools
import logging

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

# S3 error codes that mean "these credentials are wrong or not allowed", not "no such file".
CREDENTIAL_ERRORS = {
    "403",
    "AccessDenied",
    "Forbidden",
    "InvalidAccessKeyId",
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "InvalidToken",
}


class MediaStorageError(OSError):
    """The media bucket could not be used; the message says why, for an editor or an operator."""


def _explain(storage, error) -> str:
    bucket = storage.bucket_name
    if isinstance(error, NoCredentialsError):
        return (
            f"The media storage (S3 bucket “{bucket}”) could not be used: no credentials were found. "
            "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the server a role."
        )
    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code in CREDENTIAL_ERRORS:
            return (
                f"The media storage (S3 bucket “{bucket}”) refused the request ({code}): "
                "check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the bucket's permissions."
            )
        if code == "NoSuchBucket":
            return f"The media storage bucket “{bucket}” does not exist: check AWS_STORAGE_BUCKET_NAME."
        return f"The media storage (S3 bucket “{bucket}”) answered with an error ({code or 'unknown'})."
    return f"The media storage (S3 bucket “{bucket}”) could not be reached: {error}"


def _translate_errors(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (ClientError, BotoCoreError) as error:
            message = _explain(self, error)
            logger.error("%s (%s %s)", message, method.__name__, args[:1])
            raise MediaStorageError(message) from error

    return wrapper


class MediaStorage(S3Storage):
    """S3 media that never silently overwrites a file and is private unless configured otherwise.

    The defaults here are the safe ones; `settings.production` passes the rest from the
    environment through `STORAGES["default"]["OPTIONS"]`.
    """

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update(
            # Two uploads named "photo.jpg" get two objects, never one replacing the other.
            file_overwrite=False,
            # No ACL header: objects take the bucket's own (private) setting, and the site
            # links to them with signed, expiring URLs.
            default_acl=None,
            querystring_auth=True,
            signature_version="s3v4",
        )
        return defaults

    _open = _translate_errors(S3Storage._open)
    _save = _translate_errors(S3Storage._save)
    delete = _translate_errors(S3Storage.delete)
    exists = _translate_errors(S3Storage.exists)
    size = _translate_errors(S3Storage.size)
    listdir = _translate_errors(S3Storage.listdir)
    get_modified_time = _translate_errors(S3Storage.get_modified_time)
