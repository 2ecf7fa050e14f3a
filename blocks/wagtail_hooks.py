"""The rich text feature the talk body adds to Wagtail's: keyboard keys (<kbd>).

Notes name shortcuts (`<kbd>Ctrl</kbd>+<kbd>C</kbd>`); Draftail has a KEYBOARD
inline style but Wagtail registers no feature for it, so it is done here, as
Wagtail's docs show for any new inline style.
"""

import wagtail.admin.rich_text.editors.draftail.features as draftail_features
from wagtail import hooks
from wagtail.admin.rich_text.converters.editor_html import WhitelistRule
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.whitelist import allow_without_attributes


@hooks.register("register_rich_text_features")
def register_keyboard_feature(features):
    style = "KEYBOARD"
    control = {"type": style, "label": "⌨", "description": "Keyboard key"}
    features.register_editor_plugin("draftail", "keyboard", draftail_features.InlineStyleFeature(control))
    features.register_converter_rule(
        "contentstate",
        "keyboard",
        {
            "from_database_format": {"kbd": InlineStyleElementHandler(style)},
            "to_database_format": {"style_map": {style: "kbd"}},
        },
    )
    features.register_converter_rule("editorhtml", "keyboard", [WhitelistRule("kbd", allow_without_attributes)])
