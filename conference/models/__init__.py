from .events import DayPage, EventPage
from .speakers import Speaker, SpeakerLink
from .talks import LightningTalk, TalkPage, TalkPageTag, TalkSpeaker

__all__ = [
    "DayPage",
    "EventPage",
    "LightningTalk",
    "Speaker",
    "SpeakerLink",
    "TalkPage",
    "TalkPageTag",
    "TalkSpeaker",
]
