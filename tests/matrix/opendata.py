"""Open data (nettonoll.publication.opendata_urls): public, so every role gets what anyone gets,
never a login redirect. The demo's Region Värmland publishes its klimatbokslut, budget,
indicators and plan (nettonoll.demo.publication); Jämtland's tables are not published: 404. The county's
municipal emissions (`kommuner`) are public figures: Jämtland's index lists them."""

from tests.matrix import Rows, answers

PUBLIC = answers(*[200] * 7)
NOT_PUBLISHED = answers(*[404] * 7)

ROWS: Rows = {
    "opendata:index": [
        ("/offentlig/RV/data/", "get", PUBLIC),
        ("/offentlig/RJH/data/", "get", PUBLIC),
        ("/offentlig/NOPE/data/", "get", NOT_PUBLISHED),
    ],
    "opendata:datapackage": [
        ("/offentlig/RV/data/datapackage.json", "get", PUBLIC),
        ("/offentlig/RJH/data/datapackage.json", "get", PUBLIC),
        ("/offentlig/NOPE/data/datapackage.json", "get", NOT_PUBLISHED),
    ],
    "opendata:csv": [
        ("/offentlig/RV/data/klimatbokslut.csv", "get", PUBLIC),
        ("/offentlig/RV/data/budget.csv", "get", PUBLIC),
        ("/offentlig/RV/data/mal.csv", "get", PUBLIC),
        ("/offentlig/RJH/data/klimatbokslut.csv", "get", NOT_PUBLISHED),
        ("/offentlig/RJH/data/kommuner.csv", "get", PUBLIC),
    ],
    "opendata:csv-utf8": [
        ("/offentlig/RV/data/klimatbokslut-utf8.csv", "get", PUBLIC),
        ("/offentlig/RV/data/indikatorer-utf8.csv", "get", PUBLIC),
        ("/offentlig/RJH/data/budget-utf8.csv", "get", NOT_PUBLISHED),
        ("/offentlig/RJH/data/kommuner-utf8.csv", "get", PUBLIC),
    ],
    "opendata:parquet": [
        ("/offentlig/RV/data/budget.parquet", "get", PUBLIC),
        ("/offentlig/RJH/data/klimatbokslut.parquet", "get", NOT_PUBLISHED),
        ("/offentlig/RV/data/kommuner.parquet", "get", PUBLIC),
    ],
}
