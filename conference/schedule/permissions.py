"""Who may import a schedule: Wagtail's page permissions, as for the notes import.

One small function on purpose: issue 11 is making a shared check for the notes import
(conference/notes/); when it lands, `permission_problem` is the one place to swap for it.
"""


def permission_problem(user, page, action: str) -> str | None:
    """None if `user` may `action` ("add" under, "edit" or "publish") `page`; else a message saying why not.

    `user=None` is the operator running manage.py without --user, who has every right (as
    for the notes import today).
    """
    if user is None:
        return None
    permissions = page.permissions_for_user(user)
    allowed = {
        "add": permissions.can_add_subpage,
        "edit": permissions.can_edit,
        "publish": permissions.can_publish,
    }[action]()
    if allowed:
        return None
    what = {"add": "add pages under", "edit": "edit", "publish": "publish"}[action]
    hint = " (import without publishing to save drafts for review)" if action == "publish" else ""
    return f"{user.get_username()} may not {what} “{page.title}”{hint}"


def model_permission_problem(user, codename: str, label: str) -> str | None:
    """None if `user` has the model permission `conference.<codename>` (e.g. add_speaker); else why not."""
    if user is None or user.has_perm(f"conference.{codename}"):
        return None
    return f"{user.get_username()} may not create {label}"
