import Foundation
import LeadbaseCore
import Testing

@Suite("Search validation")
struct SearchValidationTests {
    @Test(
        "unknown keys, wrong forms, unknown modes and bad pages are 400 with every path",
        arguments: [
            (#"{"contact": {"fullname": {}}}"#, [["contact", "fullname"]]),
            (
                #"{"contact": {"seniority": {"any": {"include": {"mode": "WORD", "content": ["vp"]}}}}}"#,
                [["contact", "seniority", "any", "include"]]
            ),
            (
                #"{"contact": {"fullName": {"any": {"include": {"mode": "FUZZY", "content": ["x"]}}}}}"#,
                [["contact", "fullName", "any", "include", "mode"]]
            ),
            (
                #"{"contact": {"fullName": {"any": {"include": {"mode": "WORD"}}}}}"#,
                [["contact", "fullName", "any", "include", "content"]]
            ),
            (#"{"contact": {"fullName": {"some": {"include": ["x"]}}}}"#, [["contact", "fullName", "some"]]),
            (#"{"contact": {"fullName": {"any": {"contains": ["x"]}}}}"#, [["contact", "fullName", "any", "contains"]]),
            (#"{"contact": {"seniority": {"any": {"include": ["vp", 3]}}}}"#, [["contact", "seniority", "any", "include", 1]]),
            (#"{"contact": {"company": {"latest": {}}}}"#, [["contact", "company", "latest"]]),
            (#"{"account": {"employeeSize": {"range": [{"start": 1}]}}}"#, [["account", "employeeSize", "type"]]),
            (
                #"{"account": {"employeeSize": {"type": "RANGE", "range": [{"start": 10, "end": 5}]}}}"#,
                [["account", "employeeSize", "range", 0, "end"]]
            ),
            (
                #"{"account": {"revenue": {"any": {"include": ["1"]}}}}"#,
                [["account", "revenue", "any"], ["account", "revenue", "type"], ["account", "revenue", "range"]]
            ),
            (#"{"account": {"funding": {}}, "contact": {"vibe": {}}}"#, [["account", "funding"], ["contact", "vibe"]]),
            (#"{"size": 101, "page": -1}"#, [["page"], ["size"]]),
            (#"{"size": 1.5}"#, [["size"]]),
            (
                #"{"page": 9007199254740992, "account": {"foundedYear": {"type": "RANGE", "range": [{"start": -9223372036854775808}]}}}"#,
                [["page"], ["account", "foundedYear", "range", 0, "start"]]
            ),
            (#"{"filters": {}}"#, [["filters"]]),
        ] as [(String, [[PathComponent]])])
    func invalid(body: String, paths: [[PathComponent]]) async throws {
        try await withTestApp { api, tenant, _ in
            let response = try await api.searchPeople(tenant.alice.token, body)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BAD_REQUEST")
            #expect(Set(response.details.map(\.path)) == Set(paths), "\(response.text)")
        }
    }

    @Test("company search refuses contact filters and bad urls")
    func companyInvalid() async throws {
        try await withTestApp { api, tenant, _ in
            let response = try await api.searchCompanies(tenant.alice.token, #"{"contact": {}, "url": ["", 4]}"#)
            #expect(Set(response.details.map(\.path)) == [["contact"], ["url", 0], ["url", 1]])
        }
    }
}
