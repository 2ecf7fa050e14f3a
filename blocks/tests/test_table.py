"""Table block: a real <table> with a caption, a header row and row headings."""

from html import escape

from blocks.tables import TableBlock

from .utils import HOSTILE_TEXT, assert_escaped, clean_errors, parse, render_one, text_of

HEADINGS = ["Aspect", "Selenium", "Playwright"]
ROWS = [
    ["Languages", "C#, Java, JavaScript, Ruby, Python", "C#, Java, JavaScript, Python"],
    ["Speed", "Can be slow if waiting is poor", "Typically the fastest"],
]


def table(caption="Web test automation tools", headings=HEADINGS, rows=ROWS):
    return {
        "caption": caption,
        "columns": [{"type": "text", "heading": heading} for heading in headings],
        "rows": [{"values": list(row)} for row in rows],
    }


def test_table_has_a_caption_naming_it():
    html = render_one("table", table(), block_id="t1")

    soup = parse(html)
    assert text_of(soup.select_one("table > caption")) == "Web test automation tools"


def test_every_column_heading_is_a_column_header():
    html = render_one("table", table())

    header_cells = parse(html).select("table > thead > tr > *")
    assert [cell.name for cell in header_cells] == ["th", "th", "th"]
    assert [cell["scope"] for cell in header_cells] == ["col", "col", "col"]
    assert [text_of(cell) for cell in header_cells] == HEADINGS


def test_first_cell_of_each_row_is_a_row_header_and_the_rest_are_data():
    html = render_one("table", table())

    body_rows = parse(html).select("table > tbody > tr")
    assert len(body_rows) == len(ROWS)
    for row, expected in zip(body_rows, ROWS, strict=True):
        cells = row.find_all(["th", "td"], recursive=False)
        assert [cell.name for cell in cells] == ["th", "td", "td"]
        assert cells[0]["scope"] == "row"
        assert [text_of(cell) for cell in cells] == expected


def test_scrolling_table_region_is_focusable_and_named_by_the_caption():
    html = render_one("table", table(), block_id="t1")

    soup = parse(html)
    region = soup.find(attrs={"role": "region"})
    assert region["tabindex"] == "0"
    assert region.find("table") is not None
    assert soup.find(id=region["aria-labelledby"]).name == "caption"


def test_caption_headings_and_cells_are_escaped():
    html = render_one(
        "table",
        table(
            caption=HOSTILE_TEXT,
            headings=[HOSTILE_TEXT, "B"],
            rows=[[f"<p>{escape(HOSTILE_TEXT, quote=False)}</p>"] * 2],
        ),
    )

    assert_escaped(html)
    assert html.count("&lt;script&gt;") == 4
    soup = parse(html)
    assert text_of(soup.caption) == HOSTILE_TEXT
    assert text_of(soup.thead.th) == HOSTILE_TEXT
    assert [text_of(cell) for cell in soup.tbody.tr.find_all(["th", "td"])] == [HOSTILE_TEXT, HOSTILE_TEXT]


# Validation


def test_complete_table_is_valid():
    assert clean_errors(TableBlock(), table()) == {}


def test_table_without_a_caption_is_rejected_naming_it_by_its_headings():
    assert clean_errors(TableBlock(), table(caption="")) == {
        "messages": [
            "Add a caption to the table with the columns “Aspect”, “Selenium”, “Playwright” "
            "that says what the table shows."
        ]
    }


def test_caption_of_only_spaces_counts_as_missing():
    assert clean_errors(TableBlock(), table(caption="   ")) == {
        "messages": [
            "Add a caption to the table with the columns “Aspect”, “Selenium”, “Playwright” "
            "that says what the table shows."
        ]
    }


def test_column_with_an_empty_heading_is_rejected():
    errors = clean_errors(TableBlock(), table(headings=["Aspect", " ", "Playwright"]))

    assert errors == {
        "messages": [
            "Give every column of the table “Web test automation tools” a heading: "
            "the header row is what screen readers announce."
        ]
    }


def test_missing_caption_and_heading_are_reported_together():
    errors = clean_errors(TableBlock(), table(caption="", headings=["", "Selenium", "Playwright"]))

    assert errors["messages"] == [
        "Add a caption to the table with the columns “Selenium”, “Playwright” that says what the table shows.",
        "Give every column of the table with the columns “Selenium”, “Playwright” a heading: "
        "the header row is what screen readers announce.",
    ]


def test_table_without_columns_is_rejected():
    assert clean_errors(TableBlock(), table(headings=[], rows=[])) == {
        "messages": ["Add at least one column to the table “Web test automation tools”."]
    }
