"""A talk's recording as a click-to-load player: which links can be played here, and from where.

Nothing from a video host loads until the reader asks for it: the page shows a link (to the video on
its own site, which is also what a reader without JavaScript follows) drawn as a poster, and
static/js/recordings.js swaps it for the player's iframe on click. The iframe comes from the host's
privacy-friendly player where there is one: youtube-nocookie.com, Vimeo with `dnt=1` (no tracking).

PeerTube is run on many independent hosts, and every host a page may frame widens the
Content-Security-Policy's `frame-src`. So only the instances listed in the setting
CONFERENCE_PEERTUBE_HOSTS are played here (the production settings read it from the environment
and add exactly those to `frame-src`); a PeerTube link to any other host stays a plain link.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings

YOUTUBE_PLAYER = "https://www.youtube-nocookie.com"
VIMEO_PLAYER = "https://player.vimeo.com"

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
# /w/<short id> and /videos/watch/<uuid> (and the embed form) on a PeerTube instance.
_PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([A-Za-z0-9-]{6,64})/?$")


@dataclass(frozen=True)
class Player:
    provider: str  # "YouTube", "Vimeo" or "PeerTube"
    host: str  # where the player's iframe comes from, as the reader is told
    embed_url: str


def peertube_hosts() -> set[str]:
    return {host.lower() for host in getattr(settings, "CONFERENCE_PEERTUBE_HOSTS", [])}


def frame_origins(peertube=()) -> list[str]:
    """The origins `frame-src` must allow for the players (the production settings' CSP uses this list)."""
    return [YOUTUBE_PLAYER, VIMEO_PLAYER, *(f"https://{host}" for host in peertube)]


def _youtube(parts) -> str | None:
    path = parts.path.rstrip("/")
    if parts.hostname == "youtu.be":
        video = path.lstrip("/")
    elif path == "/watch":
        video = (parse_qs(parts.query).get("v") or [""])[0]
    else:
        match = re.match(r"^/(?:embed|live|shorts|v)/([^/]+)$", path)
        video = match[1] if match else ""
    return video if _YOUTUBE_ID.match(video) else None


def player_for(url: str) -> Player | None:
    """The player for a recording's address, or None when it is to stay a plain link."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    if host in _YOUTUBE_HOSTS:
        video = _youtube(parts)
        if video:
            return Player("YouTube", "youtube-nocookie.com", f"{YOUTUBE_PLAYER}/embed/{video}?autoplay=1")
        return None
    if host in _VIMEO_HOSTS:
        match = re.match(r"^(?:/video)?/(\d+)(?:/([0-9a-f]+))?/?$", parts.path)
        if not match:
            return None
        query = {"dnt": 1, "autoplay": 1}
        if match[2]:  # an unlisted video's privacy hash
            query["h"] = match[2]
        return Player("Vimeo", "player.vimeo.com", f"{VIMEO_PLAYER}/video/{match[1]}?{urlencode(query)}")
    if host in peertube_hosts() and parts.scheme == "https":
        match = _PEERTUBE_PATH.match(parts.path)
        if match:
            query = urlencode({"autoplay": 1, "warningTitle": 0})
            return Player("PeerTube", host, f"https://{host}/videos/embed/{match[1]}?{query}")
    return None


@dataclass(frozen=True)
class Recording:
    link: object  # the TalkLink
    player: Player | None


def recordings_of(links) -> list[Recording]:
    """The talk's recording links, each with its player when it can be played here."""
    return [Recording(link, player_for(link.url)) for link in links if link.kind == "recording"]
