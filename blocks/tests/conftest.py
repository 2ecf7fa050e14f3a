"""Real database rows for the blocks that point at them: speakers and images."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from conference.models import Speaker


@pytest.fixture
def speaker(db):
    return Speaker.objects.create(name="Lacey Williams Henschel", slug="lacey-williams-henschel")


@pytest.fixture
def image(db):
    """A real PNG stored through Wagtail's image model (files land in the per-test MEDIA_ROOT)."""
    return get_image_model().objects.create(
        title="Stage photo title", file=get_test_image_file("stage.png", size=(1600, 900))
    )
