"""Schemathesis hooks for scripts/fuzz-api.sh: the rules of the Leadbase API that an OpenAPI
document cannot state, because they relate two values of one request or a request to what is
stored. A positive (schema-valid) case that breaks one is mended into one that keeps it
(`map_case`: bounds swapped, a word given to a text value, a member array emptied…), or, where no mending applies, left out
(`filter_case`); the server would answer it with a 400 the document cannot foresee. Each rule
has tests of its own in the Swift suite. Negative cases are all kept as generated."""
import os
from datetime import datetime, timezone

import schemathesis

# The lists known to be company lists: the one scripts/fuzz-api.sh makes for add-companies, and
# those the fuzzer creates (seen in `after_call`). Other ids are person lists or none.
COMPANY_LISTS = {os.environ.get("FUZZ_COMPANY_LIST")}
LIST_WRITES = {("POST", "/api/v1/entities/leadlists"), ("PATCH", "/api/v1/entities/leadlists/{id}")}


def _positive(case):
    meta = case.meta
    return meta is not None and meta.generation.mode.is_positive


def _positive_body(case):
    return _positive(case) and isinstance(case.body, dict)


# Whose values each classification key names: a `group` given with a key must be the key's.
CLASSIFICATION_GROUPS = {"SKILL": "PERSON", "HEADLINE": "PERSON", "DEGREE": "PERSON", "FIELD_OF_STUDY": "PERSON",
                         "LANGUAGE": "PERSON", "INDUSTRY": "COMPANY", "KEYWORD": "COMPANY", "TECHNOLOGY": "COMPANY"}


def _moment(text):
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError, AttributeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


LANGUAGE_LEVELS = ["ELEMENTARY", "LIMITED_WORKING", "PROFESSIONAL_WORKING", "FULL_PROFESSIONAL", "NATIVE_OR_BILINGUAL"]


def _order_ranges(value):
    """Swaps the bounds of every filter range (numbers, or a language's levels) whose `end` is
    before its `start` (refused: "Must not be less than start")."""
    if isinstance(value, dict):
        bounds = value.get("range")
        for bound in bounds if isinstance(bounds, list) else [bounds]:
            if isinstance(bound, dict):
                start, end = bound.get("start"), bound.get("end")
                if isinstance(start, (int, float)) and isinstance(end, (int, float)) and end < start:
                    bound["start"], bound["end"] = end, start
                if start in LANGUAGE_LEVELS and end in LANGUAGE_LEVELS and LANGUAGE_LEVELS.index(end) < LANGUAGE_LEVELS.index(start):
                    bound["start"], bound["end"] = end, start
        for item in value.values():
            _order_ranges(item)
    elif isinstance(value, list):
        for item in value:
            _order_ranges(item)


def _order_employee_sizes(value):
    """Swaps an ICP criterion's `employee_size` bounds when `max` is below `min` ("Must not be
    below min")."""
    if isinstance(value, dict):
        size = value.get("employee_size")
        if isinstance(size, dict):
            low, high = size.get("min"), size.get("max")
            if isinstance(low, int) and isinstance(high, int) and high < low:
                size["min"], size["max"] = high, low
        for item in value.values():
            _order_employee_sizes(item)
    elif isinstance(value, list):
        for item in value:
            _order_employee_sizes(item)


def _words_in_text_values(value):
    """Gives every text filter value (`{"mode": …, "content": [...]}`, and a keyword's
    `{"sources": …, "content": [...]}`) a word: one without a letter or digit is refused ("Must
    contain a letter or digit")."""
    if isinstance(value, dict):
        content = value.get("content")
        if isinstance(content, list):
            value["content"] = [
                text if not isinstance(text, str) or any(c.isalnum() for c in text) else "a" for text in content
            ]
        for item in value.values():
            _words_in_text_values(item)
    elif isinstance(value, list):
        for item in value:
            _words_in_text_values(item)


# A valid value of each account key whose values must be a domain or a LinkedIn URL.
URL_KEYS = {"domain": "acme.io", "linkedin": "https://www.linkedin.com/company/acme", "url": "https://acme.io"}


def _valid_urls(value):
    """Replaces the values of `domain`, `linkedin` and `url` filters with ones that normalize
    (a domain, a LinkedIn URL): others are refused ("Invalid domain", …)."""
    if isinstance(value, dict):
        for key, replacement in URL_KEYS.items():
            operators = value.get(key)
            if isinstance(operators, dict) and set(operators) <= {"any", "all"}:
                for sides in operators.values():
                    for side, values in (sides or {}).items() if isinstance(sides, dict) else []:
                        if isinstance(values, list):
                            sides[side] = [replacement for _ in values]
        for item in value.values():
            _valid_urls(item)
    elif isinstance(value, list):
        for item in value:
            _valid_urls(item)


@schemathesis.hook
def filter_case(ctx, case):
    if not _positive_body(case):
        return True
    list_id = (case.path_parameters or {}).get("id")
    if case.operation.path.endswith("/add-prospects") and list_id in COMPANY_LISTS:
        return False  # add-prospects works on person lists only
    if case.operation.path.endswith("/add-companies") and list_id not in COMPANY_LISTS:
        return False  # add-companies works on company lists only
    return True


@schemathesis.hook
def map_case(ctx, case):
    query = case.query if isinstance(case.query, dict) else {}
    if case.operation.path.endswith("/autocomplete/classifications") and _positive(case) and "group" in query:
        if query.get("key") in CLASSIFICATION_GROUPS:
            query["group"] = CLASSIFICATION_GROUPS[query["key"]]  # "SKILL is a PERSON classification"
    if not _positive_body(case):
        return case
    body = case.body
    _order_ranges(body)
    _order_employee_sizes(body)
    _words_in_text_values(body)
    _valid_urls(body)
    if (case.operation.method.upper(), case.operation.path) in LIST_WRITES:
        start, end = _moment(body.get("startDate")), _moment(body.get("endDate"))
        if start and end and end < start:
            body["startDate"], body["endDate"] = body["endDate"], body["startDate"]  # "Must not be before startDate"
        if case.operation.method.upper() == "PATCH" and (start is None) != (end is None):
            # The other date is the stored one, which the fuzzer does not know.
            body.pop("startDate", None)
            body.pop("endDate", None)
        for members in ("personIds", "companyIds"):
            if body.get(members):
                body[members] = []  # members must exist in the directory, and fit the list's type
        if body.get("icpId"):
            body["icpId"] = None  # an icpId must name an ICP of the organization
    if case.operation.path == "/api/v1/entities/prospects/company" and body.get("url"):
        body.pop("url")  # a url must be a URL or domain that normalizes (ProfileURL)
    return case


@schemathesis.hook
def after_call(ctx, case, response):
    if (case.operation.method.upper(), case.operation.path) == ("POST", "/api/v1/entities/leadlists") and response.status_code == 201:
        created = response.json()
        if created.get("type") == "company":
            COMPANY_LISTS.add(created.get("id"))
