"""Authorisation matrix rows of the Kolada page: strategists (and administrators) of the whole
organisation; a reader at the root is refused (403), those who cannot see the root get 404."""

from tests.matrix import Rows, answers

ROWS: Rows = {
    "kolada:page": [
        ("/org/RJH/kolada/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/kolada/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "kolada:fetch": [
        ("/org/RJH/kolada/fetch/", "get", answers(302, 405, 405, 405, 405, 405, 405)),
        ("/org/RJH/kolada/fetch/", "post", answers(302, 302, 302, 404, 404, 403, 404)),
    ],
}
