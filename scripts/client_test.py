"""Drives a Leadbase server through a client generated from its served OpenAPI document
(openapi-python-client; see scripts/client-test.sh), as a user of that client would: create a
list, search people with typed filters, add prospects by each of the three modes, read the
leads, and look a company up by autocomplete. Every answer must decode into the generated
types; every count is checked exactly.

    PYTHONPATH=<generated> python3 scripts/client_test.py <base url> <token>
"""
import sys
from uuid import UUID

from client import AuthenticatedClient
from client.api.autocomplete import autocomplete_companies
from client.api.lead_lists import add_prospects, create_lead_list, get_lead_list, get_leads_by_list
from client.api.prospects import search_people
from client.models import (
    AccountFiltersType0,
    AddProspects,
    AddProspectsResult,
    AddProspectsSelection,
    AddProspectsSelectionMode,
    Bounds,
    CompanySuggestionPage,
    ContactFiltersType0,
    CreateLeadList,
    FilterValuesType1,
    FilterValuesType1Mode,
    Lead,
    LeadList,
    LeadListWithMembers,
    ListOperatorsType0,
    ListSidesType0,
    OperatorsType0,
    PeopleSearch,
    PersonPage,
    ProspectInput,
    RangeType1,
    RangeType1Type,
    SidesType0,
)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def main(base_url, token):
    client = AuthenticatedClient(base_url=base_url, token=token, raise_on_unexpected_status=True)

    created = create_lead_list.sync(client=client, body=CreateLeadList(name="Generated client"))
    expect(isinstance(created, LeadList), f"create answered {created!r}")
    list_id = created.id

    # A filter of each form (list, text, range) that the seed's people match: not interns, not
    # named "nobody here", at companies of at least 10 employees.
    search = PeopleSearch(
        size=5,
        contact=ContactFiltersType0(
            seniority=ListOperatorsType0(any_=ListSidesType0(exclude=["intern"])),
            full_name=OperatorsType0(any_=SidesType0(exclude=FilterValuesType1(mode=FilterValuesType1Mode.STRICT, content=["nobody here"]))),
        ),
        account=AccountFiltersType0(employee_size=RangeType1(type_=RangeType1Type.RANGE, range_=[Bounds(start=10)])),
    )
    page = search_people.sync(client=client, body=search)
    expect(isinstance(page, PersonPage), f"search answered {page!r}")
    expect(len(page.content) == 5 and page.total_elements >= 5, f"a page of 5 of {page.total_elements}")
    ids = [person.id for person in page.content]
    expect(ids == sorted(ids, key=str), "the search order is ascending id")

    def add(body):
        result = add_prospects.sync(list_id, client=client, body=body)
        expect(isinstance(result, AddProspectsResult), f"add-prospects answered {result!r}")
        return result

    manual = add(AddProspects(selection=AddProspectsSelection(mode=AddProspectsSelectionMode.MANUAL, included_ids=ids[:2])))
    expect(manual.added_count == 2 and set(manual.added_ids) == set(ids[:2]), f"manual: {manual!r}")

    # The first four of the search, less the first: the second is in the list already.
    bulk = add(AddProspects(selection=AddProspectsSelection(
        mode=AddProspectsSelectionMode.BULK, start_index=0, target_count=4, excluded_ids=[ids[0]], filters=search)))
    expect(set(bulk.added_ids) == set(ids[2:4]), f"bulk added {bulk.added_ids}, expected {ids[2:4]}")
    expect((bulk.added_count, bulk.already_in_list_count, bulk.excluded_count) == (2, 1, 1), f"bulk: {bulk!r}")

    direct = add(AddProspects(prospects=[ProspectInput(
        first_name="Ada", last_name="Lovelace", job_title="Analyst", emails=["ada@example.com"])]))
    expect(direct.added_count == 1 and len(direct.added_ids) == 1, f"direct: {direct!r}")
    ada = direct.added_ids[0]

    leads = get_leads_by_list.sync(list_id, client=client)
    expect(isinstance(leads, list) and all(isinstance(lead, Lead) for lead in leads), f"leads: {leads!r}")
    expect([lead.id for lead in leads] == ids[:4] + [ada], "leads in the order added")
    by_id = {lead.id: lead for lead in leads}
    expect(by_id[ada].first_name == "Ada" and by_id[ada].consent_status.value == "UNKNOWN", f"Ada: {by_id[ada]!r}")
    expect(by_id[ids[0]].company is not None or by_id[ids[0]].company_id is None, "a directory lead embeds its company")

    first = get_leads_by_list.sync(list_id, client=client, limit=2)
    expect([lead.id for lead in first] == sorted((lead.id for lead in leads), key=str)[:2], "a page in member id order")

    read = get_lead_list.sync(list_id, client=client)
    expect(isinstance(read, LeadListWithMembers) and read.member_count == 5, f"the list: {read!r}")

    companies = autocomplete_companies.sync(client=client, search="")
    expect(isinstance(companies, CompanySuggestionPage) and companies.total_elements > 0, f"autocomplete: {companies!r}")
    print(f"generated client: list {list_id}, {len(leads)} leads, search total {page.total_elements}: ok")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
