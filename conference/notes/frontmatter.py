"""The front matter of a notes file: YAML, read with PyYAML, describing the event.

Keys the format does not know (a Jekyll `layout:`, a `tags:` list…) are
accepted and listed as warnings. To add a key, add it to EVENT_KEYS and read
it in `NotesParser.front_matter`.
"""

import re

import yaml

from conference.schedule import notes_keys

from .spec import Problem

EVENT_KEYS = (
    *("name", "slug", "dates", "location", "website", "logo", "day_heading", "talk_heading"),
    *notes_keys.EVENT_KEYS,  # the schedule's (`timezone:`)
    "language",
)
EVENT_KEY_ALIASES = {"title": "name"}  # what other tools' front matter calls them
# A value that starts with `![` is a Markdown image (the logo), not a YAML tag.
MARKDOWN_IMAGE_VALUE = re.compile(r"^(\s*[A-Za-z_][\w-]*\s*:\s*)(!\[.*?)\s*$")


def read_front_matter(lines: list[str], close: int, problems: list[Problem]) -> dict[str, tuple[str, int]]:
    """{key: (text, line)} from the YAML between line 1 and `close` (0-based); problems are appended."""
    text = "\n".join(MARKDOWN_IMAGE_VALUE.sub(_quoted, line) for line in lines[1:close])
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        pairs = root.value if isinstance(root, yaml.MappingNode) else None
        if root is not None and pairs is None:
            problems.append(Problem(2, "the front matter is not `key: value` lines", "write one `key: value` a line"))
            return {}
        meta = {}
        for key_node, value_node in pairs or []:
            line = key_node.start_mark.line + 2  # YAML counts from 0, after the opening `---`
            key = str(key_node.value).strip().lower().replace(" ", "_")
            key = EVENT_KEY_ALIASES.get(key, key)
            if key not in EVENT_KEYS:
                problems.append(
                    Problem(
                        line,
                        f"the front matter key {key_node.value!r} is not used",
                        f"the keys used are: {', '.join(EVENT_KEYS)}",
                        warning=True,
                    )
                )
            elif key in meta:
                problems.append(Problem(line, f"{key!r} is given twice for the event", f"keep one `{key}:` line"))
            elif not isinstance(value_node, yaml.ScalarNode):
                problems.append(Problem(line, f"{key!r} is not a single value", f"write `{key}: …` on one line"))
            else:
                # The text as written: YAML's types (dates, numbers, yes/no) are the parser's to read.
                meta[key] = (str(value_node.value).strip(), line)
        return meta
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problems.append(
            Problem(
                mark.line + 2 if mark else 1,
                f"the front matter is not valid YAML ({getattr(error, 'problem', None) or error})",
                "put quotes around a value that holds `: ` or starts with a special character, e.g. "
                'name: "PyCon: the notes"',
            )
        )
        return {}
    finally:
        loader.dispose()


def _quoted(match) -> str:
    return match.group(1) + "'" + match.group(2).replace("'", "''") + "'"
