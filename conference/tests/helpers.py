"""Reading rendered HTML the way a reader (or a screen reader) meets it."""

from bs4 import BeautifulSoup

FOCUSABLE = ("a", "button", "input", "select", "textarea", "summary")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(element) -> str:
    """An element's text with whitespace collapsed."""
    return " ".join(element.get_text(" ").split())


def is_focusable(element) -> bool:
    """Whether Tab reaches the element (document order is tab order: the site uses no positive tabindex)."""
    tabindex = element.get("tabindex")
    if tabindex is not None:
        return int(tabindex) >= 0
    if element.name == "a":
        return element.has_attr("href")
    if element.name == "input":
        return element.get("type") != "hidden"
    return element.name in FOCUSABLE and not element.has_attr("disabled")


def first_focusable(document):
    return next(element for element in document.find_all(True) if is_focusable(element))


def inline_text(element) -> str:
    """An element's text as read inline: adjacent inline elements are not separated."""
    return " ".join(element.get_text().split())
