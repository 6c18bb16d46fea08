"""The OpenAPI document's refusals: every operation may answer 401 (no or a bad key), 403 (the
role is too weak, or a service key writes), 404 (not there or not visible), 429 (too many
calls, with Retry-After) and 400 (a bad parameter), all as `{"detail": "…"}` in Swedish."""

from typing import Any

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
REFUSALS = {
    "400": "Felaktig begäran (fältfel per fält).",
    "401": "Ingen eller en ogiltig nyckel.",
    "403": "Rollen räcker inte, eller en tjänstenyckel försöker ändra.",
    "404": "Finns inte, eller syns inte för dig.",
    "429": "För många anrop: försök igen efter Retry-After sekunder.",
}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    ref = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code, description in REFUSALS.items():
                if code not in responses:
                    responses[code] = {
                        "description": description,
                        "content": {"application/json": {"schema": ref}},
                    }
            if "429" in responses:
                responses["429"]["headers"] = {
                    "Retry-After": {"schema": {"type": "integer"}, "description": "Sekunder."}
                }
    return result
