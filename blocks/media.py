"""The image block: Wagtail's ImageBlock (alt text or decorative) plus caption and credit."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(
        help_text="Describe what the image shows for someone who cannot see it, or mark it decorative.",
    )
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(required=False, max_length=255, help_text="Who made the image, if not you.")

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        description = "An image with alt text (or marked decorative), an optional caption and credit."
