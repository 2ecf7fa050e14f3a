"""Notes written the way other people write them import whole, with warnings for what changes.

The fixtures in fixtures/other-tools/ reproduce what real notes from other
conferences do: formatting, links and code inside nested list items, numbered
lists under bulleted ones, blocks and tables inside items, a Jekyll/YAML front
matter with a tags list and `####` talks, `---`, `<kbd>`, an empty `<p></p>`,
list-like continuation lines, java, xml and unknown fences, ten uncaptioned
code blocks. Each imports with no edits and no errors, and what the source
holds (counted by markdown-it-py itself) is what the published pages show.
"""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from markdown_it import MarkdownIt

from conference.models import DayPage, EventPage, TalkPage

pytestmark = pytest.mark.django_db

OTHER_TOOLS = Path(__file__).parent / "fixtures" / "other-tools"
FIXTURES = sorted(path.name for path in OTHER_TOOLS.glob("*.md"))


@pytest.fixture
def notes(notes_dir):
    """Copies a fixture beside the every-block images and returns its path."""

    def copy(name):
        shutil.copy(OTHER_TOOLS / name, notes_dir / name)
        return notes_dir / name

    return copy


def run(*args) -> str:
    out = StringIO()
    call_command(*[str(a) for a in args], stdout=out)
    return out.getvalue()


def source_counts(path: Path) -> dict:
    """What the Markdown holds, counted with a markdown-it-py of its own (front matter left out)."""
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    md = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "linkify"])
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    counts = dict.fromkeys(("links", "bold", "italic", "inline code", "keys", "items", "code blocks", "tables"), 0)
    depth = deepest = 0
    for token in md.parse(body):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            deepest = max(deepest, depth)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        counts["items"] += token.type == "list_item_open"
        counts["code blocks"] += token.type == "fence"
        counts["tables"] += token.type == "table_open"
        for child in token.children or []:
            counts["links"] += child.type == "link_open"
            counts["bold"] += child.type == "strong_open"
            counts["italic"] += child.type == "em_open"
            counts["inline code"] += child.type == "code_inline"
            counts["keys"] += child.type == "html_inline" and child.content == "<kbd>"
    counts["depth"] = deepest
    return counts


def page_counts(client, event) -> dict:
    """What the event's published talk pages show, counted in their HTML."""
    counts = dict.fromkeys(("links", "bold", "italic", "inline code", "keys", "items", "code blocks", "tables"), 0)
    counts["depth"] = 0
    for talk in TalkPage.objects.live().descendant_of(event):
        response = client.get(talk.url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        for notes in soup.select(".talk-body, .lightning-talks"):
            counts["links"] += len(notes.find_all("a"))
            counts["bold"] += len(notes.find_all(["b", "strong"]))
            counts["italic"] += len(notes.find_all(["i", "em"]))
            counts["inline code"] += len([code for code in notes.find_all("code") if code.find_parent("pre") is None])
            counts["keys"] += len(notes.find_all("kbd"))
            items = notes.select(".block-list li")
            counts["items"] += len(items)
            counts["code blocks"] += len(notes.select("figure.code-block"))
            counts["tables"] += len(notes.find_all("table"))
            for item in items:
                counts["depth"] = max(counts["depth"], len(item.find_parents(["ul", "ol"])))
    return counts


@pytest.mark.parametrize("name", FIXTURES)
def test_notes_from_other_tools_import_with_no_edits_and_keep_everything_count_for_count(client, notes, name):
    path = notes(name)

    output = run("import_notes", path, "--publish")

    assert "created" in output
    event = EventPage.objects.get()
    counts = source_counts(path)
    assert counts["items"] or counts["code blocks"]  # the fixture has something to count
    assert page_counts(client, event) == counts


def test_the_rich_list_fixture_keeps_five_levels_and_mixed_styles(client, notes):
    path = notes("rich-lists.md")
    run("import_notes", path, "--publish")

    talk = TalkPage.objects.get(slug="rich-list-items")
    soup = BeautifulSoup(client.get(talk.url).content, "html.parser")

    deepest = soup.find(string=lambda s: "level five" in s).find_parent("li")
    assert [tag.name for tag in deepest.find_parents(["ul", "ol"])] == ["ol", "ul", "ol", "ul", "ul"]
    assert deepest.a["href"] == "https://djangoproject.com/foundation/"  # a bare URL became a link
    blocks_item = soup.find(string=lambda s: "An item with blocks under it" in s).find_parent("li")
    assert [child.name for child in blocks_item.find_all(recursive=False)] == ["div", "figure", "figure", "div", "ul"]
    assert blocks_item.find("table").caption.get_text() == "Databases compared"
    assert soup.find("img", alt="A bar chart of two values, 40 and 60").find_parent("li") is not None


def test_jekyll_front_matter_and_talks_at_level_four_import_as_written_with_warnings(notes):
    path = notes("jekyll.md")

    output = run("import_notes", path, "--publish")

    event = EventPage.objects.get()
    assert event.title == "JavaOne 2025: my notes"  # `title:` is the event's name
    assert [day.title for day in DayPage.objects.child_of(event).order_by("path")] == ["Day one", "Day two"]
    assert sorted(TalkPage.objects.values_list("title", flat=True)) == [
        "An empty talk",
        "Keynote: the state of Java",
        "Records and sealed classes",
    ]
    keynote = TalkPage.objects.get(slug="keynote-the-state-of-java")
    assert [(b.block_type, b.value.get("language")) for b in keynote.body if b.block_type == "code"] == [
        ("code", "java"),
        ("code", "xml"),
        ("code", "text"),
    ]
    assert "divider" in [b.block_type for b in keynote.body]
    warnings = [line for line in output.splitlines() if ": warning: " in line]
    assert [line.split(":")[1] for line in warnings] == ["2", "6", "9", "23", "24", "25", "31", "41", "45"]
    assert f"{path}:6: warning: the front matter key 'tags' is not used" in output
    assert f"{path}:31: warning: empty HTML is dropped: <p></p>" in output
    assert f"{path}:41: warning: unknown code language 'klingon': the code is imported as plain text" in output
    assert f"{path}:45: warning: the talk “An empty talk” has no notes" in output
    assert f"{path}:23: warning: this line reads as a list item but continues the paragraph above" in output


def test_strict_turns_the_warnings_into_errors_and_writes_nothing(notes):
    path = notes("jekyll.md")

    with pytest.raises(CommandError) as caught:
        run("import_notes", path, "--publish", "--strict")

    message = str(caught.value)
    assert f"{path}:41: unknown code language 'klingon'" in message and ": warning: " not in message
    assert message.count(f"{path}:") == 9 and message.endswith("Nothing was written.")
    assert not EventPage.objects.exists()


def test_notes_with_warnings_import_without_strict_when_clean_notes_have_none(notes):
    output = run("import_notes", notes("rich-lists.md"), "--strict", "--publish")

    assert ": warning: " not in output and "created" in output
