"""What editors are stopped from publishing, and what the message tells them to do.

Each rule is checked on the talk body block (as the editor and load_demo
validate it) and, for the ones a new editor meets first, through the real
page editor: publishing is refused, saving a draft is not.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blocks.body import TalkBodyBlock
from conference.factories import make_image
from conference.models import EventPage, TalkPage

pytestmark = pytest.mark.django_db

BODY = TalkBodyBlock()


def figure(image, alt_text="", decorative=False, caption=""):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": decorative, "alt_text": alt_text},
            "caption": caption,
            "credit": "",
        },
    }


def publish_errors(raw_blocks) -> list[str]:
    """Every message publishing this body would show, flattened."""
    return _messages(BODY, raw_blocks, deferred=False)


def draft_errors(raw_blocks) -> list[str]:
    """Every message saving this body as a draft would show."""
    return _messages(BODY, raw_blocks, deferred=True)


def _messages(block, raw_blocks, deferred) -> list[str]:
    value = block.to_python(raw_blocks)
    try:
        block.clean_deferred(value) if deferred else block.clean(value)
    except ValidationError as error:
        return _flatten(error)
    return []


def _flatten(error) -> list[str]:
    messages = []
    for child in (getattr(error, "block_errors", None) or {}).values():
        messages += _flatten(child)
    messages += [str(m) for m in getattr(error, "non_block_errors", None) or []]
    if not messages and hasattr(error, "messages"):
        messages = list(error.messages)
    return messages


# Images -----------------------------------------------------------------------


def test_an_image_without_alt_text_cannot_be_published_and_the_message_names_it(image):
    assert publish_errors([figure(image)]) == [
        "The image “Conference hall” has no alt text. Describe what it shows for someone who cannot see it, "
        "or tick “Image is decorative” if it adds nothing to the notes."
    ]


def test_an_image_without_alt_text_can_still_be_saved_as_a_draft(image):
    assert draft_errors([figure(image)]) == []


def test_a_decorative_image_needs_no_alt_text(image):
    assert publish_errors([figure(image, decorative=True)]) == []


@pytest.mark.parametrize(
    "alt_text",
    [
        "IMG_0042.jpg",
        "chart.PNG",
        "diagram.webp",
        "DSC01234",
        "PXL_20231016_101500123",
        "Screenshot 2023-10-16 at 10.22.33",
        "page_tree_diagram",
        "IMG_0042",  # the image's own file name, without its extension
    ],
)
def test_alt_text_that_is_a_file_name_is_rejected(image, alt_text):
    (message,) = publish_errors([figure(image, alt_text)])
    assert message == (
        f"The alt text of the image “Conference hall” (“{alt_text}”) is a file name, which tells a screen reader "
        "user nothing. Describe what the image shows, or tick “Image is decorative” if it adds nothing to the notes."
    )


def test_alt_text_that_repeats_the_uploaded_file_name_is_rejected_even_in_words():
    image = make_image("Stage", filename="keynote-stage.jpg")
    (message,) = publish_errors([figure(image, "Keynote stage")])
    assert "is a file name" in message


def test_a_file_name_in_alt_text_is_rejected_even_in_a_draft(image):
    # Not a missing value to fill in later but a wrong one, like a skipped heading level.
    assert draft_errors([figure(image, "IMG_0042.jpg")])


@pytest.mark.parametrize(
    ("alt_text", "prefix"),
    [
        ("Image of a crowded conference hall", "Image of"),
        ("picture of the speaker at the lectern", "picture of"),
        ("An image of a bar chart", "An image of"),
        ("Graphic of the page tree", "Graphic of"),
    ],
)
def test_alt_text_that_starts_with_image_of_is_rejected(image, alt_text, prefix):
    assert publish_errors([figure(image, alt_text)]) == [
        f"The alt text of the image “Conference hall” starts with “{prefix}”: screen readers already say it is "
        "an image. Remove those words and start with what the image shows."
    ]


@pytest.mark.parametrize(
    "alt_text",
    [
        "Bar chart: 96.3% of the top million homepages have accessibility issues",
        "A photo of the speaker at the lectern",  # the kind of picture can matter
        "Images of the page tree are on the slides",
        "Attendees in the main hall during the keynote",
    ],
)
def test_descriptive_alt_text_is_accepted(image, alt_text):
    assert publish_errors([figure(image, alt_text)]) == []


def test_an_events_logo_follows_the_same_alt_text_rules(image):
    logo_block = EventPage.logo.field.stream_block
    raw = [{"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": "logo.png"}}]
    (message,) = _messages(logo_block, raw, deferred=False)
    assert "is a file name" in message


# Headings, tables and code -------------------------------------------------------


def test_a_heading_that_skips_a_level_is_rejected_naming_the_heading():
    assert publish_errors(
        [
            {"type": "heading", "value": {"level": "h2", "text": "Testing"}},
            {"type": "heading", "value": {"level": "h4", "text": "Fixtures"}},
        ]
    ) == [
        "The heading “Fixtures” is an h4, which skips a level after the heading before it (h2). "
        "Make it an h3, or add an h3 heading before it."
    ]


def test_every_problem_in_a_body_is_reported_at_once(image):
    messages = publish_errors(
        [
            {"type": "heading", "value": {"level": "h3", "text": "Fixtures"}},
            figure(image),
        ]
    )
    assert len(messages) == 2
    assert messages[0].startswith("The heading “Fixtures” is an h3, which skips a level after the talk title (h1).")
    assert messages[1].startswith("The image “Conference hall” has no alt text.")


def table(caption, headings):
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "columns": [{"type": "text", "heading": heading} for heading in headings],
            "rows": [{"values": ["a" for _ in headings]}],
        },
    }


def test_a_table_without_a_caption_is_rejected_naming_its_columns():
    assert publish_errors([table("", ["Tool", "Speed"])]) == [
        "Add a caption to the table with the columns “Tool”, “Speed” that says what the table shows."
    ]


def test_a_table_without_a_full_header_row_is_rejected_naming_it():
    assert publish_errors([table("Test tools", ["Tool", ""])]) == [
        "Give every column of the table “Test tools” a heading: the header row is what screen readers announce."
    ]


def code(language, source="import pghistory\n", caption=""):
    return {"type": "code", "value": {"language": language, "code": source, "caption": caption}}


def test_code_without_a_language_cannot_be_published_and_the_message_names_the_block():
    assert publish_errors([code("", caption="models.py")]) == [
        "The code block “models.py” has no language. Choose one, or “Plain text” if none fits: "
        "it sets the highlighting and tells screen reader users what they are hearing."
    ]
    (message,) = publish_errors([code("")])
    assert message.startswith("The code block starting “import pghistory” has no language.")


def test_code_without_a_language_can_be_saved_as_a_draft():
    assert draft_errors([code("")]) == []


def test_plain_text_is_a_language():
    assert publish_errors([code("text", "just some output")]) == []


# Through the page editor -------------------------------------------------------


@pytest.fixture
def moderator(django_user_model):
    """A new editor who may publish (Wagtail's Moderators group), not a superuser."""
    user = django_user_model.objects.create_user("morgan", password="unused-in-tests")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def edit_form(talk, body):
    return nested_form_data(
        {
            "title": talk.title,
            "slug": talk.slug,
            "kind": "talk",
            "talk_speakers": inline_formset([]),
            "links": inline_formset([]),
            "start_time": "",
            "end_time": "",
            "room": "",
            "summary": "",
            "tags": "",
            "body": streamfield(body),
            "lightning_talks": inline_formset([]),
        }
    )


def image_form_value(image, alt_text=""):
    return {"image": {"image": image.pk, "decorative": "", "alt_text": alt_text}, "caption": "", "credit": ""}


def test_a_new_editor_publishing_an_image_without_alt_text_is_stopped_and_told_what_to_do(
    client, moderator, talk, image
):
    client.force_login(moderator)
    revisions = talk.revisions.count()
    data = edit_form(talk, [("image", image_form_value(image))])
    data["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[talk.pk]), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be saved due to validation errors" in html
    assert "has no alt text. Describe what it shows for someone who cannot see it" in html
    assert TalkPage.objects.get(pk=talk.pk).revisions.count() == revisions, "nothing was saved"


def test_a_new_editor_publishing_a_skipped_heading_level_is_stopped_and_told_what_to_do(client, moderator, talk):
    client.force_login(moderator)
    revisions = talk.revisions.count()
    data = edit_form(
        talk,
        [("heading", {"level": "h2", "text": "Testing"}), ("heading", {"level": "h4", "text": "Fixtures"})],
    )
    data["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[talk.pk]), data)

    assert response.status_code == 200
    assert "Make it an h3, or add an h3 heading before it." in response.content.decode()
    assert TalkPage.objects.get(pk=talk.pk).revisions.count() == revisions, "nothing was saved"


def test_a_draft_with_an_image_still_missing_its_alt_text_can_be_saved(client, moderator, talk, image):
    client.force_login(moderator)
    data = edit_form(talk, [("paragraph", rich_text("<p>Notes so far.</p>")), ("image", image_form_value(image))])

    response = client.post(reverse("wagtailadmin_pages:edit", args=[talk.pk]), data)

    assert response.status_code == 302
    draft = TalkPage.objects.get(pk=talk.pk).get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["paragraph", "image"]
