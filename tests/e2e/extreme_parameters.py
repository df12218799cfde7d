"""Hypothesis strategies for hostile path and query parameters, read off an OpenAPI
document: huge and negative integers, date-times at the edges of the calendar with
extreme offsets, long strings, control characters and lone surrogates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from hypothesis import assume
from hypothesis import strategies as st

INT_EDGES = [0, 1, -1, 2**31 - 1, 2**31, -(2**31) - 1, 2**53, 2**63 - 1, 2**63, -(2**63)]
INT_EDGES += [-(2**63) - 1, 2**64, 10**30, -(10**30)]
OFFSETS = ["", "Z", "+00:00", "+23:59", "-23:59", "+14:00", "-12:00", "+23:59:59.999999"]
DAYS = ["0001-01-01", "0001-01-02", "1970-01-01", "2000-02-29", "9999-12-30", "9999-12-31"]
TIMES = ["", "T00:00", "T00:00:00", "T23:59:59", "T23:59:59.999999", "T12:00:00.5"]
BAD_DATES = ["0000-01-01T00:00:00Z", "10000-01-01", "9999-13-01", "2001-02-29", "now", "1e10"]
TEXT_EDGES = ["", " ", "\x00", "a\x00b", "\x1b[31m", "\x85", "\x7f", "\ud800", "x\udfff", "%00"]
TEXT_EDGES += ["../../etc/passwd", "' OR 1=1 --", "%", "_", "\\", "\u202e", "\ufeff", "\U0001f600"]

MAX_URL = 60_000  # httpx refuses URLs over 64 KiB
_characters = st.characters(codec=None, blacklist_categories=())  # controls and surrogates too


def integers() -> st.SearchStrategy[str]:
    number = st.sampled_from(INT_EDGES) | st.integers()
    return number.map(str) | st.sampled_from(["", "1.5", "1e3", " 1", "0x10", "9" * 5000])


def date_times() -> st.SearchStrategy[str]:
    edge = st.builds(
        lambda day, time, offset: day + time + (offset if time else ""),
        st.sampled_from(DAYS),
        st.sampled_from(TIMES),
        st.sampled_from(OFFSETS),
    )
    return edge | st.sampled_from(BAD_DATES)


def texts(known: list[str]) -> st.SearchStrategy[str]:
    # Up to 3,000 characters: beyond ~64 KB a URL is refused by the client itself.
    long = st.sampled_from([10, 100, 1000, 3000]).flatmap(
        lambda n: st.sampled_from(["a", "\x00", "é", "\U0001f600"]).map(lambda c: c * n)
    )
    return st.one_of(st.sampled_from(known + TEXT_EDGES), st.text(_characters, max_size=40), long)


@dataclass(frozen=True)
class Parameter:
    location: str  # "path" or "query"
    name: str
    required: bool
    values: st.SearchStrategy[str]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    has_body: bool


def _values(schema: dict[str, Any], document: dict[str, Any], known: list[str]) -> Any:
    if "$ref" in schema:
        target = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        return _values(target, document, known)
    if "anyOf" in schema:
        return _values(next(s for s in schema["anyOf"] if s.get("type") != "null"), document, known)
    if "enum" in schema:
        return st.sampled_from([*map(str, schema["enum"]), "", "DRAFT", "\x00"])
    kind, form = schema.get("type"), schema.get("format")
    if kind == "integer":
        return integers()
    if kind == "boolean":
        return st.sampled_from(["true", "false", "1", "0", "yes", "", "maybe", "\x00"])
    if form == "date-time":
        return date_times()
    if form == "uuid":
        return st.uuids().map(str) | texts(known)
    return texts(known)


def operations(document: dict[str, Any], known: list[str]) -> list[Operation]:
    """Every operation with at least one path or query parameter."""
    found = []
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            parameters = tuple(
                Parameter(p["in"], p["name"], p.get("required", False),
                          _values(p["schema"], document, known))
                for p in spec.get("parameters", [])
                if p["in"] in ("path", "query")
            )  # fmt: skip
            if parameters:
                found.append(Operation(method.upper(), path, parameters, "requestBody" in spec))
    return found


def _encoded(value: str) -> str:
    # Lone surrogates go out as their (invalid) UTF-8 bytes, as a hostile client's would.
    return quote(value, safe="", errors="surrogatepass")


@st.composite
def requests(draw: st.DrawFn, operation: Operation) -> str:
    """The operation's URL with drawn path parameters and some of its query parameters."""
    path, query = operation.path, []
    for parameter in operation.parameters:
        if parameter.location == "path":
            path = path.replace(f"{{{parameter.name}}}", _encoded(draw(parameter.values)))
        elif parameter.required or draw(st.booleans()):
            query.append(f"{parameter.name}={_encoded(draw(parameter.values))}")
    url = path + ("?" + "&".join(query) if query else "")
    assume(len(url) < MAX_URL)  # several long values at once: the client would refuse it
    return url
