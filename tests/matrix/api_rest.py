"""The REST API (/api/v1/) and the API keys pages in the authorisation matrix. The API answers
401 (not a redirect to the login page) to an anonymous caller; its schema and documentation
page are open to everyone. Sessions of the demo roles (see tests/test_authorisation_matrix.py)."""

from tests.matrix import Rows, answers

API = "/api/v1/organisations/RJH"
PLAN = API + "/plans/{plan}"
SEES_RJH = answers(401, 200, 200, 200, 200, 200, 404)
EVERYONE_LOGGED_IN = answers(401, 200, 200, 200, 200, 200, 200)
ROOT_VIEWERS = answers(401, 200, 200, 404, 404, 200, 404)
SERVICE_VIEWERS = answers(401, 200, 200, 200, 404, 200, 404)
EMPTY_WRITE = answers(401, 400, 400, 400, 400, 400, 404)  # nothing sent: refused as invalid

ROWS: Rows = {
    "api:schema": [("/api/v1/schema/", "get", answers(*[200] * 7))],
    "api:docs": [("/api/v1/docs/", "get", answers(*[200] * 7))],
    "api:organisations": [("/api/v1/organisations/", "get", EVERYONE_LOGGED_IN)],
    "api:organisation": [
        (API + "/", "get", SEES_RJH),
        ("/api/v1/organisations/NOPE/", "get", answers(401, 404, 404, 404, 404, 404, 404)),
    ],
    "api:nodes": [(API + "/nodes/", "get", SEES_RJH)],
    "api:node": [
        (API + "/nodes/RS-SERV/", "get", SERVICE_VIEWERS),
        (API + "/nodes/RS-SERV-KOST/", "get", SEES_RJH),
        (API + "/nodes/RS/", "get", ROOT_VIEWERS),
    ],
    "api:plans": [(API + "/plans/", "get", SEES_RJH)],
    "api:plan": [(PLAN + "/", "get", SEES_RJH)],
    "api:goals": [(PLAN + "/goals/", "get", SEES_RJH)],
    "api:goal": [(PLAN + "/goals/{goal}/", "get", SEES_RJH)],
    "api:distributions": [(PLAN + "/distributions/", "get", SEES_RJH)],
    "api:rounds": [(PLAN + "/rounds/", "get", SEES_RJH)],
    "api:entries": [
        (PLAN + "/rounds/{round}/entries/", "get", SEES_RJH),
        (PLAN + "/rounds/{round}/entries/", "post", EMPTY_WRITE),
    ],
    "api:activities": [
        (API + "/activities/", "get", SEES_RJH),
        (API + "/activities/", "post", EMPTY_WRITE),
    ],
    "api:activity": [
        (API + "/activities/{activity}/", "get", SEES_RJH),
        # no version sent: refused as invalid; a reader may not change it at all
        (API + "/activities/{activity}/", "patch", answers(401, 400, 400, 400, 400, 403, 404)),
    ],
    "api:indicators": [(API + "/indicators/", "get", SEES_RJH)],
    "api:indicator": [(API + "/indicators/{indicator}/", "get", SEES_RJH)],
    "api:indicator_values": [
        (API + "/indicators/{indicator}/values/", "get", SEES_RJH),
        (API + "/indicators/{indicator}/values/", "post", EMPTY_WRITE),
    ],
    "api:metrics": [("/api/v1/metrics/", "get", EVERYONE_LOGGED_IN)],
    "api:metric_values": [
        (API + "/metrics/klimatbokslut.total/", "get", SEES_RJH),
        (API + "/metrics/klimatbokslut.total/?node=RS", "get", ROOT_VIEWERS),
        (API + "/metrics/no.such.metric/", "get", answers(401, 404, 404, 404, 404, 404, 404)),
    ],
    "api:klimatbokslut": [
        (API + "/klimatbokslut/", "get", SEES_RJH),
        (API + "/klimatbokslut/?node=RS-SERV", "get", SERVICE_VIEWERS),
    ],
    "api:carbon_budget": [(API + "/carbon-budget/", "get", ROOT_VIEWERS)],
    "api:registers": [(API + "/registers/", "get", SEES_RJH)],
    "api:register": [
        (API + "/registers/vehicles/", "get", SEES_RJH),
        (API + "/registers/nope/", "get", answers(401, 404, 404, 404, 404, 404, 404)),
    ],
    "apikeys:personal": [
        ("/accounts/api-nycklar/", "get", answers(302, 200, 200, 200, 200, 200, 200)),
        ("/accounts/api-nycklar/", "post", answers(302, 400, 400, 400, 400, 400, 400)),
    ],
    "apikeys:personal_revoke": [
        ("/accounts/api-nycklar/999999/aterkalla/", "post", answers(302, *[404] * 6)),
        ("/accounts/api-nycklar/999999/aterkalla/", "get", answers(302, *[405] * 6)),
    ],
    "apikeys:service": [
        ("/org/RJH/api-nycklar/", "get", answers(302, 200, 403, 404, 404, 403, 404)),
        ("/org/RJH/api-nycklar/", "post", answers(302, 400, 403, 404, 404, 403, 404)),
    ],
    "apikeys:service_revoke": [
        (
            "/org/RJH/api-nycklar/999999/aterkalla/",
            "post",
            answers(302, 404, 403, 404, 404, 403, 404),
        ),
    ],
}
