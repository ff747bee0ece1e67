"""Schemathesis hooks for scripts/fuzz-api.sh: the rules of the Leadbase API that an OpenAPI
document cannot state, because they relate two values of one request or a request to what is
stored. A positive (schema-valid) case that breaks one is left out, since the server answers it
with a 400 that the document cannot foresee; each rule has tests of its own in the Swift suite.
Negative cases are all kept."""
import os
from datetime import datetime, timezone

import schemathesis

# The lists known to be company lists: the one scripts/fuzz-api.sh makes for add-companies, and
# those the fuzzer creates (seen in `after_call`). Other ids are person lists or none.
COMPANY_LISTS = {os.environ.get("FUZZ_COMPANY_LIST")}
LIST_WRITES = {("POST", "/api/v1/entities/leadlists"), ("PATCH", "/api/v1/entities/leadlists/{id}")}


def _moment(text):
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError, AttributeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _inverted_range(value):
    """A filter range whose `end` is before its `start` (refused: "Must not be less than start")."""
    if isinstance(value, dict):
        bounds = value.get("range")
        if isinstance(bounds, (list, dict)):
            for bound in bounds if isinstance(bounds, list) else [bounds]:
                if isinstance(bound, dict):
                    start, end = bound.get("start"), bound.get("end")
                    if isinstance(start, (int, float)) and isinstance(end, (int, float)) and end < start:
                        return True
        return any(_inverted_range(item) for item in value.values())
    if isinstance(value, list):
        return any(_inverted_range(item) for item in value)
    return False


@schemathesis.hook
def filter_case(ctx, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return True
    body = case.body
    if _inverted_range(body):
        return False
    list_id = (case.path_parameters or {}).get("id")
    if case.operation.path.endswith("/add-prospects") and list_id in COMPANY_LISTS:
        return False  # add-prospects works on person lists only
    if case.operation.path.endswith("/add-companies") and list_id not in COMPANY_LISTS:
        return False  # add-companies works on company lists only
    if (case.operation.method.upper(), case.operation.path) in LIST_WRITES:
        start, end = _moment(body.get("startDate")), _moment(body.get("endDate"))
        if start and end and end < start:
            return False  # "Must not be before startDate"
        if case.operation.method.upper() == "PATCH" and (start is None) != (end is None):
            return False  # the other date is the stored one, which the fuzzer does not know
        if body.get("personIds") or body.get("companyIds"):
            return False  # members must exist in the directory, and fit the list's type
    if case.operation.path == "/api/v1/entities/prospects/company" and body.get("url"):
        return False  # a url must be a URL or domain that normalizes (ProfileURL)
    return True


@schemathesis.hook
def after_call(ctx, case, response):
    if (case.operation.method.upper(), case.operation.path) == ("POST", "/api/v1/entities/leadlists") and response.status_code == 201:
        created = response.json()
        if created.get("type") == "company":
            COMPANY_LISTS.add(created.get("id"))
