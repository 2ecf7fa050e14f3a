"""The schedule import's tracks and speakers: found by name (tracks) or guid then name (speakers), else created."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from conference.models import Speaker, Track


class TracksAndSpeakers:
    """Mixed into ScheduleImporter: uses its schedule, report, permissions, refusals and touched."""

    def track(self, event, name, where):
        if not name:
            return None
        if name not in self.tracks:
            if not self.permissions.may_add_tracks():
                self.refuse(where, self.permissions.cannot_add_track(name))
                return None
            color = self.schedule.tracks.get(name, "")
            slug = slugify(name)[:100] or "track"
            taken = {t.slug for t in self.tracks.values()}
            n = 2
            while slug in taken:
                slug, n = f"{slugify(name)[:90]}-{n}", n + 1
            # A colour the track would refuse (Track.color's own validator) is left out, not an error.
            color = color if _passes_validators(Track, "color", color or "") else ""
            self.tracks[name] = Track.objects.create(event=event, name=name[:100], slug=slug, color=color)
            self.report.note("created", f"track “{name}”")
        return self.tracks[name]

    def load_speakers(self):
        speakers = list(Speaker.objects.all())
        self.speakers_by_guid = {s.guid: s for s in speakers}
        self.speakers_by_name = {}
        for s in speakers:
            self.speakers_by_name.setdefault(s.name.casefold(), s)
        self.speaker_slugs = {s.slug for s in speakers}

    def speaker(self, person, where):
        """The Speaker for a person of the file: by guid first, then by name; created if new."""
        found = (person.guid and self.speakers_by_guid.get(person.guid)) or self.speakers_by_name.get(
            person.name.casefold()
        )
        if found is not None:
            if person.biography and not found.bio:
                found.bio = person.biography[:1000]
                found.save(update_fields=["bio"])
                self.report.note("updated", f"speaker “{found.name}” (bio)")
            return found
        if not self.permissions.may_add_speakers():
            self.refuse(where, self.permissions.cannot_add_speaker(person.name))
            return None
        base = slugify(person.name)[:240] or "speaker"
        slug, n = base, 2
        while slug in self.speaker_slugs:
            slug, n = f"{base}-{n}", n + 1
        speaker = Speaker(name=person.name, slug=slug, bio=person.biography[:1000])
        if person.guid:
            speaker.guid = person.guid
        try:
            speaker.clean_fields()  # the slug and guid are unique by the lookups above: no query each
        except ValidationError as error:
            self.validation_problem(where, person.name, error)
            return None
        speaker.save()
        self.touched.append(speaker)
        self.speaker_slugs.add(slug)
        self.speakers_by_guid[speaker.guid] = speaker
        self.speakers_by_name[speaker.name.casefold()] = speaker
        self.report.note("created", f"speaker “{speaker.name}”")
        return speaker


def _passes_validators(model, field_name, value) -> bool:
    try:
        model._meta.get_field(field_name).run_validators(value)
    except ValidationError:
        return False
    return True
