"""Checks a response of allauth's headless API against the OpenAPI document allauth ships."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import allauth
import yaml

SPEC_PATH = Path(allauth.__file__).parent / "headless" / "spec" / "doc" / "openapi.yaml"


@cache
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def _resolve(node):
    while isinstance(node, dict) and "$ref" in node:
        target = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _problems(schema, value, where: str, depth: int) -> list[str]:
    """Ways ``value`` breaks ``schema``'s shape: types, required and declared keys, enums."""
    schema = _resolve(schema)
    if not isinstance(schema, dict) or depth > 6:
        return []
    if "allOf" in schema:
        return [p for part in schema["allOf"] for p in _problems(part, value, where, depth + 1)]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            tries = [_problems(part, value, where, depth + 1) for part in schema[key]]
            if any(not problems for problems in tries):
                return []
            return [f"{where}: matches none of {key}: {min(tries, key=len)}"]
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null"]
    kind = schema.get("type")
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in {schema['enum']}"]
    if kind == "object" or "properties" in schema:
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        problems = [
            f"{where}.{name}: missing" for name in schema.get("required", ()) if name not in value
        ]
        properties = schema.get("properties", {})
        if properties and schema.get("additionalProperties") is False:
            problems += [
                f"{where}.{name}: not in the spec" for name in value if name not in properties
            ]
        for name, item in value.items():
            if name in properties:
                problems += _problems(properties[name], item, f"{where}.{name}", depth + 1)
        return problems
    if kind == "array":
        if not isinstance(value, list):
            return [f"{where}: not an array"]
        return [
            p
            for i, item in enumerate(value)
            for p in _problems(schema.get("items", {}), item, f"{where}[{i}]", depth + 1)
        ]
    expected = {"string": str, "integer": int, "number": (int, float), "boolean": bool}.get(kind)
    if expected and not isinstance(value, expected):
        return [f"{where}: {value!r} is not {kind}"]
    return []


def assert_matches_spec(method: str, path: str, response) -> dict:
    """The status is one the spec lists for this operation and the JSON body has its shape."""
    operation = spec()["paths"][path][method.lower()]
    responses = operation["responses"]
    status = str(response.status_code)
    assert status in responses, (
        f"{method} {path} answered {status}; the spec lists {sorted(responses)}: {response.content[:300]}"
    )
    described = _resolve(responses[status])
    body = response.json()
    content = described.get("content", {}).get("application/json")
    if content is not None:
        problems = _problems(content["schema"], body, "body", 0)
        assert not problems, f"{method} {path} {status}: {problems}"
    if isinstance(body, dict) and "status" in body:
        assert body["status"] == response.status_code
    return body
