"""A stricter positive-data check for Afield (loaded through SCHEMATHESIS_HOOKS).

A request that satisfies the OpenAPI document may be refused with 422 only for a business rule
(an unknown record, a password on the block list, a date range backwards): the document cannot
state those. A 422 whose field errors are about the request's shape means the document promised
more than the server accepts, and fails the run.

Schemathesis 4.32's coverage phase labels some values valid that the document rules out (a
string one past a length stated in a `pattern`, a C1 control character a pattern excludes); the
check therefore validates the request against the document itself before judging the answer.
"""

import json

import jsonschema_rs
import schemathesis
from schemathesis.core import NOT_SET

# Field error codes that describe the shape of a request: the document must rule these out.
SHAPE_CODES = {
    "field.required",
    "field.too_long",
    "text.control_characters",
    "text.too_long",
    "request.missing_value",
    "request.invalid_value",
    "request.invalid_id",
    "request.invalid_date",
    "request.invalid_page",
    "request.invalid_flag",
    "request.invalid_idempotency_key",
}


def _valid(schema, value, components):
    wrapper = dict(schema)
    wrapper["components"] = components
    return jsonschema_rs.validator_for(wrapper, validate_formats=True).is_valid(value)


def _satisfies_document(case):
    """Whether the query and JSON body of `case` are valid by the operation's own schemas."""
    operation = case.operation.definition.raw
    components = case.operation.schema.raw_schema.get("components", {})
    query = case.query or {}
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query" and parameter["name"] in query:
            if not _valid(parameter["schema"], query[parameter["name"]], components):
                return False
    body = case.body
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if schema is not None and body is not NOT_SET and not _valid(schema, body, components):
        return False
    return True


@schemathesis.check
def shape_errors_are_documented(ctx, response, case):
    meta = getattr(case, "meta", None)
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        error = json.loads(response.content)["error"]
    except (ValueError, KeyError, TypeError):
        raise AssertionError("a 422 answer must carry the ErrorResponse shape")
    shape = [f"{f.get('field')}: {f.get('code')}" for f in error.get("fields") or [] if f.get("code") in SHAPE_CODES]
    if error.get("code") in SHAPE_CODES:
        shape.append(error["code"])
    if shape and _satisfies_document(case):
        raise AssertionError("A schema-valid request was refused for its shape, which the OpenAPI document should rule out: "
                             + "; ".join(shape))
    return None
