"""The image block: Wagtail's ImageBlock (alt text or decorative) plus caption and credit.

Alt text is checked where the editor writes it, and the same rules drive the
content checker in the userbar and the Checks panel (`home/content_checker.py`
passes these patterns to the browser), so the two never disagree:

- an image needs alt text unless it is marked decorative (on publish, like
  Wagtail's own check; a draft may be saved without it);
- alt text that is a file name ("IMG_0042.jpg", "page_tree", the image's own
  file name) is rejected;
- alt text that starts with "image of" or "picture of" is rejected: screen
  readers already announce an image as one.
"""

import re
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

PREVIEW_CAPTION = "A slide from the talk, with a caption that says what it shows."
PREVIEW_CREDIT = "the speaker"

IMAGE_EXTENSIONS = "avif|bmp|gif|heic|heif|jpe?g|png|svg|tiff?|webp"

# Written in the syntax Python and JavaScript share, matched case-insensitively:
# the content checker runs these same patterns in the browser.
FILE_NAME_PATTERNS = [
    # Ends in an image file extension: "diagram.png".
    rf"\.({IMAGE_EXTENSIONS})$",
    # A camera's or a screenshot tool's name: "IMG_0042", "DSC01234", "PXL_20231016", "Screenshot 2023-10-16".
    r"^(img|dsc[fn]?|pxl|mvimg|screen ?shot)[\s_-]*\d",
    # One "word" joined by underscores: "page_tree_diagram".
    r"^[^\s]*_[^\s]*$",
]
REDUNDANT_PREFIX_PATTERN = r"^((an?|the)\s+)?(image|picture|graphic)\s+of\b"

_FILE_NAME_RES = [re.compile(pattern, re.IGNORECASE) for pattern in FILE_NAME_PATTERNS]
_REDUNDANT_PREFIX_RE = re.compile(REDUNDANT_PREFIX_PATTERN, re.IGNORECASE)


def _comparable(text: str) -> str:
    """Lower case, with separators as spaces: "Page_Tree-diagram" -> "page tree diagram"."""
    return " ".join(re.sub(r"[\s_.-]+", " ", text).lower().split())


# Django appends "_" and 7 random characters to a file name already taken: IMG_0042_VdOwvfa.jpg.
DEDUPLICATION_SUFFIX_PATTERN = r"_[A-Za-z0-9]{7}$"


def image_file_stem(image) -> str:
    """The uploaded file's name without folder, extension or Django's suffix: original_images/IMG_0042_VdOwvfa.jpg
    -> "IMG_0042"."""
    name = getattr(getattr(image, "file", None), "name", "") or ""
    return re.sub(DEDUPLICATION_SUFFIX_PATTERN, "", PurePosixPath(name).stem)


def alt_text_problem(alt_text: str, image=None) -> str | None:
    """What is wrong with this alt text and how to fix it, or None when it is fine."""
    alt_text = (alt_text or "").strip()
    if not alt_text:
        return None
    named = f" of the image “{image.title}”" if image is not None and getattr(image, "title", "") else ""
    stem = image_file_stem(image) if image is not None else ""
    if any(pattern.search(alt_text) for pattern in _FILE_NAME_RES) or (
        stem and _comparable(stem) == _comparable(alt_text)
    ):
        return (
            f"The alt text{named} (“{alt_text}”) is a file name, which tells a screen reader user nothing. "
            "Describe what the image shows, or tick “Image is decorative” if it adds nothing to the notes."
        )
    prefix = _REDUNDANT_PREFIX_RE.match(alt_text)
    if prefix:
        return (
            f"The alt text{named} starts with “{prefix.group(0)}”: screen readers already say it is an image. "
            f"Remove those words and start with what the image shows."
        )
    return None


def missing_alt_text_message(image=None) -> str:
    named = f"The image “{image.title}”" if image is not None and getattr(image, "title", "") else "This image"
    return (
        f"{named} has no alt text. Describe what it shows for someone who cannot see it, "
        "or tick “Image is decorative” if it adds nothing to the notes."
    )


class AccessibleImageBlock(ImageBlock):
    """Wagtail's ImageBlock with this site's alt text rules and messages.

    It deconstructs as Wagtail's ImageBlock (see ImageBlock.deconstruct), so
    swapping it in changes no migration.
    """

    def clean(self, value):
        try:
            value = super().clean(value)
        except StructBlockValidationError as error:
            if "alt_text" not in error.block_errors:
                raise
            # Wagtail's own "Please add some alt text..." becomes a message naming the image.
            errors = {**error.block_errors, "alt_text": ValidationError(missing_alt_text_message(value))}
            raise StructBlockValidationError(block_errors=errors) from None
        if value and not value.decorative:
            problem = alt_text_problem(value.contextual_alt_text, value)
            if problem:
                raise StructBlockValidationError(block_errors={"alt_text": ValidationError(problem)})
        return value


class FigureBlock(blocks.StructBlock):
    # Labelled apart from the "Image" block around it: two editor sections both
    # called "Image" are indistinguishable to screen reader users (axe: landmark-unique).
    image = AccessibleImageBlock(
        label="Image and alt text",
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
