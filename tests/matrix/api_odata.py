"""The OData feed (/odata/v4/<org>/): a logged-in session reads what the user's pages show (a
manager or contributor their own subtree), like an API key; anonymous gets 401 (the feed asks
for a key, never redirects to the login page); another region's user 404."""

from tests.matrix import Rows, answers

FEED_READERS = answers(401, 200, 200, 200, 200, 200, 404)
NOBODY = answers(401, 404, 404, 404, 404, 404, 404)

ROWS: Rows = {
    "odata:service": [
        ("/odata/v4/RJH/", "get", FEED_READERS),
        ("/odata/v4/NOPE/", "get", NOBODY),
        ("/odata/v4/RJH/", "post", answers(405, 405, 405, 405, 405, 405, 405)),
    ],
    "odata:metadata": [("/odata/v4/RJH/$metadata", "get", FEED_READERS)],
    "odata:entity_set": [
        ("/odata/v4/RJH/Emissions?$top=1", "get", FEED_READERS),
        ("/odata/v4/RJH/Budget", "get", FEED_READERS),
        ("/odata/v4/RJH/Nodes?$top=1", "get", FEED_READERS),
        ("/odata/v4/RJH/Okand", "get", NOBODY),
    ],
    "odata:count": [("/odata/v4/RJH/Emissions/$count", "get", FEED_READERS)],
}
