"""No page shows a link or a button that answers 403 or 404 for the user who sees it: each demo
role's reachable pages are crawled from the start page, every link on them is followed, and every
form is sent: a GET form with its fields, a POST form empty and rolled back (the access check
comes before the form is read, so an empty form tells whether the button would be refused)."""

from collections import deque
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest
from django.db import transaction
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
        self.forms: list[tuple[str, str, dict[str, str]]] = []  # method, action, sent fields
        self._form: tuple[str, str, dict[str, str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "form":
            self._form = (values.get("method", "get").lower(), values.get("action", ""), {})
        if self._form is None or tag not in ("button", "input"):
            return
        kind = values.get("type", "submit" if tag == "button" else "text").lower()
        if kind == "hidden" and values.get("name"):
            self._form[2][values["name"]] = values.get("value", "")
        if kind == "submit":  # the form with what pressing this button sends
            pressed = {values["name"]: values.get("value", "")} if values.get("name") else {}
            self.forms.append((self._form[0], self._form[1], {**self._form[2], **pressed}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def _local(page_path: str, hrefs: list[str]) -> list[str]:
    found = []
    for href in hrefs:
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


def _links(page_path: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return _local(page_path, parser.links)


def _post_forms(page_path: str, html: str) -> list[tuple[str, dict[str, str]]]:
    """The page's POST buttons: where each sends (the page itself when the form names no
    action) and the hidden fields and button value it sends."""
    parser = _Links()
    parser.feed(html)
    return [
        (target[0], data)
        for method, action, data in parser.forms
        if method == "post" and (target := _local(page_path, [action or page_path]))
    ]


def _post_refused(client: Client, url: str, data: dict[str, str]) -> int:
    """The status pressing the button answers (the user's fields left empty), with whatever it
    did rolled back."""
    with transaction.atomic():
        status = client.post(url, data).status_code
        transaction.set_rollback(True)
    return status


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
    posted: set[str] = set()
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
        html = response.content.decode()
        for link in _links(urlsplit(url).path, html):
            queue.append((link, url))
        for action, data in _post_forms(urlsplit(url).path, html):
            key = f"{action} {sorted(data)}"
            if key in posted or action.startswith(NOT_FOLLOWED):
                continue
            posted.add(key)
            status = _post_refused(client, action, data)
            if status == 403 or status >= 500:  # a 404 here: the empty form names no record
                broken.append((f"POST {action}", url, status))
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
