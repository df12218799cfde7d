"""``FreeText``: the domain's text rule as pydantic metadata, for bodies, forms, paths
and queries of both APIs. A violation is an ordinary request-validation failure (422).

Put it last, after the field's limits: ``Annotated[str, Field(max_length=200), FreeText()]``
(pydantic leaves a ``pattern`` given after it out of the JSON schema)."""

from __future__ import annotations

from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from domain.text import CONTROL_CHARACTERS_PATTERN, FORBIDDEN_TEXT_MESSAGE, is_clean_text

# The ``type`` of the validation error item; clients may rely on it.
FORBIDDEN_TEXT_ERROR = "forbidden_characters"
# Unpaired surrogates are refused too; a JSON Schema pattern cannot name them.
_DOCUMENTED = {"pattern": f"^[^{CONTROL_CHARACTERS_PATTERN[1:-1]}]*$"}


def _clean(value: Any) -> Any:
    if isinstance(value, str) and not is_clean_text(value):
        raise PydanticCustomError(FORBIDDEN_TEXT_ERROR, FORBIDDEN_TEXT_MESSAGE)
    return value


class FreeText:
    """Applies the text rule to a ``str`` (or ``str | None``) after its other checks."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(_clean, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema.setdefault("allOf", []).append(dict(_DOCUMENTED))
        return json_schema
