"""No page shows a link that answers 403 or 404 for the user who sees it: each demo role's
reachable pages are crawled from the start page and every link on them is followed."""

from collections import deque
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.django_db

# The first links of each kind are followed; beyond that a kind of page is only checked when the
# link leads to a node not seen with that kind before (breadcrumbs, children, parents).
PER_KIND = 6
NOT_FOLLOWED = ("/static/", "/admin/", "/accounts/logout/", "/i18n/")
NODE_KEYS = ("node_code", "node")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _links(page_path: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.links:
        href, _fragment = urldefrag(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
            continue
        if not href:
            continue
        if not parts.path:  # "?year=2023": the same page with another query
            href = page_path + href
        elif not parts.path.startswith("/"):
            continue
        found.append(href)
    return found


def _kind(url: str) -> tuple[str, str]:
    """The URL's name and the node it is about (from the path or ?node=)."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ("?", url)
    query = dict(parse_qsl(parts.query))
    node = next((str(match.kwargs[k]) for k in NODE_KEYS if k in match.kwargs), "")
    return (match.view_name, node or query.get("node", ""))


def _normalised(url: str) -> str:
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query)))
    return parts.path + (f"?{query}" if query else "")


def _crawl(client: Client) -> tuple[int, list[tuple[str, str, int]]]:
    seen: set[str] = set()
    kinds: dict[tuple[str, str], int] = {}
    names: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([("/", "")])
    broken: list[tuple[str, str, int]] = []
    fetched = 0
    while queue:
        url, found_on = queue.popleft()
        url = _normalised(url)
        if url in seen or url.startswith(NOT_FOLLOWED):
            continue
        seen.add(url)
        kind = _kind(url)
        if kind in kinds and names.get(kind[0], 0) >= PER_KIND:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        names[kind[0]] = names.get(kind[0], 0) + 1
        response = client.get(url)
        fetched += 1
        if response.status_code in (403, 404) or response.status_code >= 500:
            broken.append((url, found_on, response.status_code))
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        for link in _links(urlsplit(url).path, response.content.decode()):
            queue.append((link, url))
    return fetched, broken


@pytest.mark.parametrize(
    "role", ["administrator", "strategist", "manager", "contributor", "reader", "outsider"]
)
def test_no_page_shows_a_link_the_user_cannot_follow(
    client_as: Callable[[str], Client], role: str
) -> None:
    fetched, broken = _crawl(client_as(role))
    assert fetched > 10, "the crawl should reach the role's pages"
    assert broken == [], "\n".join(f"{code} {url} (länk på {page})" for url, page, code in broken)


def test_a_department_head_sees_parent_nodes_as_plain_text(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("manager").get("/org/RJH/node/RS-SERV-KOST/").content.decode()
    assert 'href="/org/RJH/node/RJH/"' not in page
    assert 'href="/org/RJH/node/RS-SERV/"' in page
    inventory = client_as("manager").get("/org/RJH/klimatbokslut/").content.decode()
    assert "/org/RJH/koldioxidbudget/" not in inventory
    assert (
        "/org/RJH/koldioxidbudget/"
        in client_as("reader").get("/org/RJH/klimatbokslut/").content.decode()
    )
