"""A single optional image field built on Wagtail's ImageBlock.

House style: every image goes through ImageBlock, so that alt text (or the
decorative flag) belongs to the place the image is used. A one-block
StreamField is how a model field gets that.
"""

from wagtail.fields import StreamField

from blocks.media import AccessibleImageBlock


def single_image_field(verbose_name: str, help_text: str = "") -> StreamField:
    return StreamField(
        [("image", AccessibleImageBlock())],
        max_num=1,
        blank=True,
        verbose_name=verbose_name,
        help_text=help_text,
    )


def first_image(stream_value):
    """The image of a single_image_field, or None."""
    for child in stream_value:
        return child.value
    return None
