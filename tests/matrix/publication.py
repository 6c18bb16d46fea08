"""Matrix rows of the publication app: the public pages (the same answer for everyone, logged in
or not: what is published answers 200, the rest a public 404, never a login redirect),
publishing (readers at the root read it, strategists and administrators publish) and the
dashboard (from the user's start node). Demo: Region Värmland publishes its klimatbokslut, budget,
indicators and plan; Jämtland (the matrix's organisation) publishes nothing."""

from tests.matrix import Rows, answers

ALL_200 = answers(200, 200, 200, 200, 200, 200, 200)
ALL_404 = answers(404, 404, 404, 404, 404, 404, 404)
ROOT_READERS = answers(302, 200, 200, 404, 404, 200, 404)

ROWS: Rows = {
    "public:counties": [("/offentlig/lan/", "get", ALL_200)],
    "public:county": [
        ("/offentlig/lan/17/", "get", ALL_200),
        ("/offentlig/lan/99/", "get", ALL_404),
    ],
    "public:start": [
        ("/offentlig/RV/", "get", ALL_200),
        ("/offentlig/RJH/", "get", ALL_404),
        ("/offentlig/NOPE/", "get", ALL_404),
        ("/offentlig/RV/", "post", answers(405, 405, 405, 405, 405, 405, 405)),
    ],
    "public:plan": [("/offentlig/RJH/mal/{plan}/", "get", ALL_404)],
    "public:indicators": [
        ("/offentlig/RV/indikatorer/", "get", ALL_200),
        ("/offentlig/RJH/indikatorer/", "get", ALL_404),
    ],
    "public:klimatbokslut": [
        ("/offentlig/RV/klimatbokslut/", "get", ALL_200),
        ("/offentlig/RJH/klimatbokslut/", "get", ALL_404),
    ],
    "public:klimatbokslut_year": [
        ("/offentlig/RV/klimatbokslut/2023/", "get", ALL_200),
        ("/offentlig/RV/klimatbokslut/1990/", "get", ALL_404),
        ("/offentlig/RJH/klimatbokslut/2023/", "get", ALL_404),
    ],
    "public:budget": [
        ("/offentlig/RV/koldioxidbudget/", "get", ALL_200),
        ("/offentlig/RJH/koldioxidbudget/", "get", ALL_404),
    ],
    "public:publishing": [
        ("/org/RJH/publicering/", "get", ROOT_READERS),
        ("/org/RJH/publicering/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "public:dashboard": [
        ("/org/RJH/oversikt/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/oversikt/?node=RJH", "get", ROOT_READERS),
        ("/org/RJH/oversikt/?node=RS-SERV", "get", answers(302, 200, 200, 200, 404, 200, 404)),
    ],
}
