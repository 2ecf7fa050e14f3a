"""Choose a speaker, or create one, without leaving the talk form (Wagtail's ChooserViewSet).

Registered with `register_widget`, so every ForeignKey to Speaker in the admin (a talk's speakers, a
lightning talk's speaker) uses this chooser. The Speakers index under Conference stays wagtail-modeladmin.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Speaker


def free_speaker_slug(name: str) -> str:
    """A slug from the name that no other speaker has (`ada-lovelace`, `ada-lovelace-2`, …)."""
    base = slugify(name)[:240] or "speaker"
    taken = set(Speaker.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def same_name_warning(name: str, speakers, in_chooser=True) -> str:
    links = format_html_join(
        ", ",
        '<a href="{}" target="_blank">{}</a>',
        ((speaker.get_absolute_url(), speaker.slug) for speaker in speakers),
    )
    advice = (
        "choose them in the Search tab instead. If this is another person with the same name, tick "
        "“Another person with the same name” and create them."
        if in_chooser
        else "if this is the same person, delete the speaker just created and use the existing one."
    )
    return format_html("A speaker named “{}” already exists ({}): {}", name, links, advice)


class SpeakerCreationForm(forms.ModelForm):
    """Name and bio; the slug is made from the name. Creating a second speaker with a name that is
    already taken needs a tick, so the same person is not split in two by accident."""

    same_name = forms.BooleanField(
        label="Another person with the same name",
        required=False,
        widget=forms.HiddenInput,  # shown as a checkbox only once a speaker with this name exists
    )

    class Meta:
        model = Speaker
        fields = ["name", "bio"]

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("name") or "").strip()
        existing = list(Speaker.objects.filter(name__iexact=name)) if name else []
        if existing and not cleaned.get("same_name"):
            self.fields["same_name"].widget = forms.CheckboxInput()
            self.add_error("name", same_name_warning(name, existing))
        return cleaned

    def save(self, commit=True):
        speaker = super().save(commit=False)
        speaker.name = speaker.name.strip()
        speaker.slug = free_speaker_slug(speaker.name)
        if commit:
            speaker.save()
        return speaker


class SpeakerChooserViewSet(ChooserViewSet):
    model = Speaker
    icon = "user"
    choose_one_text = "Choose a speaker"
    choose_another_text = "Choose another speaker"
    edit_item_text = "Edit this speaker"
    creation_form_class = SpeakerCreationForm
    create_action_label = "Create a new speaker"
    create_action_clicked_label = "Creating…"
    creation_tab_label = "Create a new speaker"
    search_tab_label = "Search"


speaker_chooser_viewset = SpeakerChooserViewSet("speaker_chooser")
