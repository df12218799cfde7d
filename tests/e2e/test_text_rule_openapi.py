"""The OpenAPI document tells clients which characters free text may not hold, next to
each field's own limits."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Api

REFUSED = {"pattern": "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"}


async def _document(api: Api) -> dict[str, Any]:
    document: dict[str, Any] = (await api.client.get("/openapi.json")).json()
    return document


async def test_body_fields_document_the_text_rule_and_keep_their_own_pattern(api: Api) -> None:
    schemas = (await _document(api))["components"]["schemas"]
    title = schemas["CreatePostRequest"]["properties"]["title"]
    assert REFUSED in title["allOf"] and title["pattern"] == "\\S"
    image = schemas["SignUpRequest"]["properties"]["image"]
    assert REFUSED in image["allOf"] and image["anyOf"][0]["pattern"].startswith("^https?://")
    assert REFUSED in schemas["ConduitLogin"]["properties"]["password"]["allOf"]


async def test_paths_queries_and_the_sign_in_form_document_the_text_rule(api: Api) -> None:
    document = await _document(api)
    listing = document["paths"]["/api/v1/posts"]["get"]["parameters"]
    assert REFUSED in next(p for p in listing if p["name"] == "q")["schema"]["allOf"]
    profile = document["paths"]["/api/profiles/{username}"]["get"]["parameters"]
    assert REFUSED in profile[0]["schema"]["allOf"]
    form = document["paths"]["/api/v1/auth/token"]["post"]["requestBody"]["content"]
    reference = form["application/x-www-form-urlencoded"]["schema"]["$ref"].rsplit("/", 1)[-1]
    fields = document["components"]["schemas"][reference]["properties"]
    assert REFUSED in fields["username"]["allOf"] and REFUSED in fields["password"]["allOf"]
