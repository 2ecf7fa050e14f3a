from .events import DayPage, EventPage
from .schedule import LinkKind, TalkLink, Track
from .speakers import Speaker, SpeakerLink
from .talks import LightningTalk, TalkPage, TalkPageTag, TalkSpeaker

__all__ = [
    "DayPage",
    "EventPage",
    "LinkKind",
    "LightningTalk",
    "Speaker",
    "SpeakerLink",
    "TalkLink",
    "TalkPage",
    "TalkPageTag",
    "TalkSpeaker",
    "Track",
]
