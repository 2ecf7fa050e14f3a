"""The image block: Wagtail's ImageBlock (alt text or decorative) plus caption and credit."""

from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

PREVIEW_CAPTION = "A slide from the talk, with a caption that says what it shows."
PREVIEW_CREDIT = "the speaker"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(
        help_text="Describe what the image shows for someone who cannot see it, or mark it decorative.",
    )
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(required=False, max_length=255, help_text="Who made the image, if not you.")

    def get_preview_value(self):
        """The newest image in the library; with an empty library, no image (see get_preview_template)."""
        image = get_image_model().objects.order_by("-created_at", "-pk").first()
        image_value = None
        if image is not None:
            image_value = {"image": image.pk, "decorative": False, "alt_text": image.default_alt_text or image.title}
        return self.to_python({"image": image_value, "caption": PREVIEW_CAPTION, "credit": PREVIEW_CREDIT})

    def get_preview_template(self, value, context=None):
        if value.get("image") is None:
            return "blocks/previews/image_placeholder.html"
        return super().get_preview_template(value, context)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        description = "An image with alt text (or marked decorative), an optional caption and credit."
