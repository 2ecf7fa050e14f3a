"""Speakers and images still used by pages cannot be deleted: the rule, and the admin's refusals.

Wagtail's reference index (`ReferenceIndex`) knows every page that points at an object: a speaker on a
talk, in a lightning talk or as a quote's attribution; an image in a talk body, an event logo or a
speaker photo. Deleting such an object would silently leave a quote without its attribution or a
figure without its image, so the rule lives on the models (a `pre_delete` receiver raising Django's
ProtectedError, whatever deletes them: the admin, a bulk action, a script), and the admin's delete
views say up front which pages to change first.

The index holds what is saved in the pages' rows, the live content (and a never-published draft);
an object used only in an unpublished revision of a live page is not in it, as in Wagtail's own
"Usage" listings.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.images import get_image_model
from wagtail.images.views.images import DeleteView as ImageDeleteView
from wagtail.models import Page, ReferenceIndex


def pages_using(obj) -> list[Page]:
    """The pages that refer to `obj`, specific, in tree order."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        .distinct()
    )
    return list(Page.objects.filter(pk__in=[int(i) for i in ids]).order_by("path").specific())


def in_use_message(obj, pages) -> str:
    titles = ", ".join(f"“{page.get_admin_display_title()}”" for page in pages)
    return (
        f"“{obj}” is used on {len(pages)} page{'s' if len(pages) != 1 else ''} ({titles}): remove it from them first."
    )


def refuse_deleting_used_objects(sender, instance, **kwargs):
    pages = pages_using(instance)
    if pages:
        raise ProtectedError(in_use_message(instance, pages), set(pages))


def connect():
    from .models import Speaker

    for model in (Speaker, get_image_model()):
        pre_delete.connect(
            refuse_deleting_used_objects, sender=model, dispatch_uid=f"refuse-delete-{model._meta.label}"
        )


class UsedImageDeleteView(ImageDeleteView):
    """Wagtail's image delete view, refusing (and saying where it is used) while pages use the image."""

    def get(self, request, *args, **kwargs):
        pages = pages_using(self.object)
        if pages:
            return self.refusal(request, pages)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        pages = pages_using(self.object)
        if pages:
            return self.refusal(request, pages)
        return super().post(request, *args, **kwargs)

    def refusal(self, request, pages):
        context = self.get_context_data(pages=pages, refused=True)
        return TemplateResponse(request, "conference/image_in_use.html", context)


def refuse_bulk_delete_of_used_objects(request, action_type, objects, action_class_instance):
    """Bulk "Delete" of images: refuse with the pages that use them, before anything is deleted."""
    if action_type != "delete":
        return None
    used = [(obj, pages) for obj in objects if isinstance(obj, get_image_model()) and (pages := pages_using(obj))]
    if not used:
        return None
    for obj, pages in used:
        messages.error(request, in_use_message(obj, pages))
    return redirect(request.GET.get("next") or "wagtailimages:index")
