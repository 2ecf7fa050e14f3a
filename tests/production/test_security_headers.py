"""Security headers on the public site and the admin, as served by gunicorn with settings.production."""

import json
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from .services import SiteClient

HSTS = "max-age=31536000; includeSubDomains; preload"


@pytest.fixture(scope="module")
def visitor(production_stack):
    return SiteClient(production_stack.urls[0])


@pytest.fixture(scope="module")
def public_pages(production_stack, visitor):
    """Every kind of public page in the demo: home, event, day, talks (one with an image), speakers, search."""
    rows = production_stack.query(
        "SELECT p.url_path, ct.model FROM wagtailcore_page p "
        "JOIN django_content_type ct ON ct.id = p.content_type_id WHERE p.depth >= 2 AND p.live ORDER BY p.path"
    )
    by_kind = {}
    for url_path, model in rows:
        by_kind.setdefault(model, []).append("/" + url_path.split("/", 2)[2])
    urls = by_kind["homepage"][:1] + by_kind["eventpage"][:1] + by_kind["daypage"][:1] + by_kind["talkpage"]
    return urls + ["/speakers/", "/search/?q=django", "/no-such-page/"]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_public_pages_send_the_security_headers_and_a_strict_csp(visitor, public_pages):
    checked_images = 0
    for url in public_pages:
        response = visitor.get(url)
        assert response.status_code == (404 if url == "/no-such-page/" else 200), url
        headers = response.headers
        assert headers["Strict-Transport-Security"] == HSTS, url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["Referrer-Policy"] == "same-origin", url
        assert headers["X-Frame-Options"] == "DENY", url
        csp = csp_directives(headers["Content-Security-Policy"])
        assert csp["default-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"], url
        assert "'unsafe-inline'" not in csp["style-src"], url
        assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"], url

        soup = BeautifulSoup(response.text, "html.parser")
        # Nothing the policy would block: no inline script, handler or style. The one inline <script> is
        # the page's JSON-LD: data of a type browsers never run, so script-src does not apply to it.
        inline = [s for s in soup.find_all("script") if not s.get("src")]
        assert [s.get("type") for s in inline] == ["application/ld+json"], url
        assert json.loads(inline[0].string)["@context"] == "https://schema.org", url
        assert [t.name for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)] == [], url
        assert soup.find_all("style") == [] and soup.find_all(style=True) == [], url
        # Every image comes from an origin img-src allows (the bucket, for uploaded images).
        for img in soup.find_all("img"):
            src = urlsplit(img["src"])
            assert not src.netloc or f"{src.scheme}://{src.netloc}" in csp["img-src"], (url, img["src"])
            checked_images += 1
    assert checked_images >= 2, "the demo's images should be on these pages"


def test_plain_http_is_redirected_to_https(production_stack):
    client = SiteClient(production_stack.urls[0])
    del client.session.headers["X-Forwarded-Proto"]

    response = client.get("/")

    assert response.status_code == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{production_stack.ports[0]}/"


def test_cookies_are_secure_and_http_only(production_stack):
    client = SiteClient(production_stack.urls[0])

    login_form = client.get("/admin/login/")
    login = client.post(
        "/admin/login/", {"username": production_stack.ADMIN_USER, "password": production_stack.ADMIN_PASSWORD}
    )

    csrf_cookie = login_form.headers["Set-Cookie"]
    session_cookie = login.headers["Set-Cookie"]
    assert csrf_cookie.startswith("csrftoken=") and "sessionid=" in session_cookie
    for cookie in (csrf_cookie, session_cookie):
        flags = [flag.strip().lower() for flag in cookie.split(";")]
        assert "secure" in flags and "httponly" in flags, cookie


def test_the_admin_gets_its_own_looser_policy(production_stack):
    editor = SiteClient(production_stack.urls[0])
    editor.log_in(production_stack.ADMIN_USER, production_stack.ADMIN_PASSWORD)

    response = editor.get("/admin/")

    assert response.status_code == 200
    csp = csp_directives(response.headers["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert response.headers["Strict-Transport-Security"] == HSTS


def test_editors_see_the_userbar_on_public_pages_without_inline_scripts(production_stack, public_pages):
    editor = SiteClient(production_stack.urls[0])
    editor.log_in(production_stack.ADMIN_USER, production_stack.ADMIN_PASSWORD)
    talk_url = public_pages[3]

    response = editor.get(talk_url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find("wagtail-userbar") is not None
    csp = csp_directives(response.headers["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"]
    admin_origin = f"https://127.0.0.1:{production_stack.ports[0]}"
    for script in soup.find_all("script"):
        # Scripts come from the admin's static files; the only inline one is data, never run.
        if script.get("type") in ("application/json", "application/ld+json"):
            continue
        assert urljoin(admin_origin + talk_url, script["src"]).startswith(f"{admin_origin}/static/"), script
    assert admin_origin in csp["script-src"]


def test_static_files_have_hashed_names_long_lifetimes_and_compression(visitor):
    home = BeautifulSoup(visitor.get("/").text, "html.parser")
    stylesheet = home.select_one("link[rel=stylesheet]")["href"]
    assert stylesheet.startswith("/static/css/site.") and len(stylesheet.split(".")) == 3

    response = visitor.get(stylesheet, headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "main" in response.text
