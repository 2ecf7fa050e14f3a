"""This site's configuration of Wagtail's content checker (the userbar's "Checks" and the editor's Checks panel).

Two rule sets:

- Superusers and members of the "Accessibility reviewers" group get the full
  WCAG 2.2 AA rule set plus axe's best practices: the same tags our browser
  tests run (tests/browser/), so a reviewer sees what CI sees.
- Other editors keep Wagtail's focused rules: problems in content they can fix
  themselves, not template issues that would teach them to ignore warnings.

Both get three checks of our own, run in the browser by
`home/static/home/js/content-checks.js`: alt text that is a file name, alt text
that repeats the image's caption, and vague link text ("click here"). The
file-name patterns are the ones the editor's validation uses (blocks/media.py),
passed to the browser as the check's options.
"""

from wagtail.admin.userbar import ContentCheckerItem

from blocks.media import DEDUPLICATION_SUFFIX_PATTERN, FILE_NAME_PATTERNS

ACCESSIBILITY_REVIEWERS_GROUP = "Accessibility reviewers"

# Our target, WCAG 2.2 AA, as axe-core tags (the same list as tests/browser/).
WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Link text that says nothing about where the link goes, compared after lower-casing
# and dropping punctuation. Screen reader users often list a page's links out of context.
VAGUE_LINK_TEXTS = [
    "click",
    "click here",
    "continue",
    "continue reading",
    "details",
    "find out more",
    "go",
    "here",
    "learn more",
    "link",
    "more",
    "more info",
    "more information",
    "read more",
    "see more",
    "this",
    "this link",
]

ALT_FILE_NAME_RULE = "cn-alt-text-file-name"
ALT_REPEATS_CAPTION_RULE = "cn-alt-text-repeats-caption"
VAGUE_LINK_RULE = "cn-link-text-vague"
CUSTOM_RULE_IDS = [ALT_FILE_NAME_RULE, ALT_REPEATS_CAPTION_RULE, VAGUE_LINK_RULE]

# Wagtail's own alt text rule flags a file extension or any underscore; ours flags
# all of that and more (camera names, the image's own file name), so Wagtail's is
# switched off rather than reporting the same image twice.
SUPERSEDED_RULES = ["alt-text-quality"]


def is_accessibility_reviewer(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=ACCESSIBILITY_REVIEWERS_GROUP).exists()


class ConferenceNotesCheckerItem(ContentCheckerItem):
    axe_custom_rules = ContentCheckerItem.axe_custom_rules + [
        {
            "id": ALT_FILE_NAME_RULE,
            "impact": "serious",
            "selector": "img[alt]",
            "tags": ["best-practice", "conference-notes"],
            "any": [ALT_FILE_NAME_RULE],
            "enabled": True,
        },
        {
            "id": ALT_REPEATS_CAPTION_RULE,
            "impact": "moderate",
            "selector": "figure img[alt]",
            "tags": ["best-practice", "conference-notes"],
            "any": [ALT_REPEATS_CAPTION_RULE],
            "enabled": True,
        },
        {
            "id": VAGUE_LINK_RULE,
            "impact": "serious",
            "selector": "a[href]",
            "tags": ["best-practice", "conference-notes"],
            "any": [VAGUE_LINK_RULE],
            "enabled": True,
        },
    ]

    axe_custom_checks = ContentCheckerItem.axe_custom_checks + [
        {
            "id": ALT_FILE_NAME_RULE,
            "options": {"patterns": FILE_NAME_PATTERNS, "suffixPattern": DEDUPLICATION_SUFFIX_PATTERN},
        },
        # The credit line is not part of the caption proper.
        {"id": ALT_REPEATS_CAPTION_RULE, "options": {"ignore": [".credit"], "minLength": 12}},
        {"id": VAGUE_LINK_RULE, "options": {"phrases": VAGUE_LINK_TEXTS}},
    ]

    axe_messages = {
        **ContentCheckerItem.axe_messages,
        ALT_FILE_NAME_RULE: {
            "error_name": "Image alt text is a file name",
            "help_text": "Describe what the image shows, or mark the image as decorative",
        },
        ALT_REPEATS_CAPTION_RULE: {
            "error_name": "Image alt text repeats its caption",
            "help_text": (
                "Screen readers read both: describe the image itself, or mark it decorative if the caption is enough"
            ),
        },
        VAGUE_LINK_RULE: {
            "error_name": "Link text does not say where it goes",
            "help_text": "Replace words like “click here” or “read more” with the name of the destination",
        },
    }

    axe_rules = {rule: {"enabled": False} for rule in SUPERSEDED_RULES}

    def get_axe_exclude(self, request):
        # Wagtail's own interface, not the page: the userbar, and the inline marker
        # it puts beside each issue (with the full rule set, a second run would
        # report those markers as landmarks without unique names). One selector,
        # not a list: the editor's Checks panel turns a list into a frame path.
        return ["wagtail-userbar, wagtail-inline-userbar"]

    class Media:
        js = ["home/js/content-checks.js"]

    def get_axe_run_only(self, request):
        if is_accessibility_reviewer(getattr(request, "user", None)):
            # Tags, not rule ids (axe takes one kind or the other). Our rules carry
            # "best-practice"; "seo" keeps Wagtail's meta description rule.
            return WCAG_22_AA_TAGS + ["seo", "conference-notes"]
        focused = [rule for rule in super().get_axe_run_only(request) if rule not in SUPERSEDED_RULES]
        return focused + CUSTOM_RULE_IDS
