"""sitemap.xml lists every live public page (and the public speakers) and nothing else; robots.txt points to it."""

from defusedxml import ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client) -> dict:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: getattr(url.find("s:lastmod", NS), "text", None)
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_live_public_pages_with_lastmod_and_no_draft_or_private_page(client, tree):
    urls = sitemap(client)
    for page in (tree.event, tree.day, tree.talk, tree.plain):
        assert urls[f"http://testserver{page.url}"] == page.last_published_at.date().isoformat()
    assert "http://testserver/" in urls
    assert not any("secret-draft" in url or "private-talk" in url for url in urls)
    assert f"http://testserver/speakers/{tree.ada.slug}/" in urls  # on a public talk


def test_a_page_unpublished_or_made_private_leaves_the_sitemap(client, tree):
    from wagtail.models import PageViewRestriction

    tree.plain.unpublish()
    PageViewRestriction.objects.create(page=tree.day, restriction_type=PageViewRestriction.LOGIN)
    urls = sitemap(client)
    assert f"http://testserver{tree.event.url}" in urls
    assert not any(tree.day.url in url for url in urls)  # the day and every talk under it
    assert f"http://testserver/speakers/{tree.ada.slug}/" not in urls  # no public talk left


def test_robots_txt_points_to_the_sitemap_and_keeps_the_admin_out(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
