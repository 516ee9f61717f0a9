"""The ``qaitu.case/1`` JSON schema for the OpenAPI document, from the pydantic model the
assessment validates with (qaitu.assessment.facts.CaseFacts), definitions inlined so that the
schema stands alone inside a request body."""

from __future__ import annotations

from typing import Any

from qaitu.assessment.facts import CaseFacts


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = _inline(defs[ref.removeprefix("#/$defs/")], defs)
            rest = {k: _inline(v, defs) for k, v in node.items() if k != "$ref"}
            return {**target, **rest}
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def case_facts_schema() -> dict[str, Any]:
    full = CaseFacts.model_json_schema(by_alias=True)
    schema = _inline(full, full.get("$defs", {}))
    schema["description"] = ("A qaitu.case/1 document (docs: shared design case-facts.md). "
                             "Validated with every problem's field path (422).")
    return schema


CASE_FACTS_SCHEMA = case_facts_schema()
