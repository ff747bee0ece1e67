import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseTestSupport
import Testing

extension APIClient {
    func createICP(_ token: String?, _ json: String) async throws -> APIResponse {
        try await request(.post, "/api/v1/entities/icps", token: token, json: json)
    }
}

@Suite("ICPs")
struct ICPTests {
    static let fields: Set<String> = [
        "id", "name", "description", "leadProviderCriteria", "customFilterCriteria", "crmFilters", "userIds", "leadsPerList",
        "activeUntil", "createdAt", "updatedAt",
    ]

    static let full = #"""
        {"name": "  Fintech CFOs ", "description": "Finance leaders at payment companies",
         "leadProviderCriteria": [{"provider": "baseProvider", "type": "person",
           "filters": {"job_title": ["CFO", "VP Finance"], "location": {"country": ["Germany"]},
                       "company": {"employee_size": {"min": 50, "max": 500}, "industry": ["Fintech"]}, "skills": ["IFRS"]}}],
         "customFilterCriteria": [{"type": "maxPeoplePerCompany", "value": 2}, {"type": "minDaysUntilReuse", "value": 90}],
         "crmFilters": {"provider": "bullhorn", "textSearch": "Finance*", "filters": [{"path": "status", "mode": "eq", "value": "Active"}]},
         "userIds": ["user_2xExternal"], "leadsPerList": 25, "activeUntil": "2026-12-31"}
        """#

    @Test("create answers 201 with every field, the creator in userIds and the criteria in complete form; get and the index read it back")
    func create() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let created = try await api.createICP(t, Self.full)
            #expect(created.status == .created, "\(created.text)")
            #expect(Set(created.body?.objectValue?.keys.map { $0 } ?? []) == Self.fields)
            #expect(created.string("name") == "Fintech CFOs")
            #expect(created.strings("userIds") == [tenant.alice.user.id, "user_2xExternal"].sorted())
            #expect(created["leadsPerList"] == 25)
            #expect(created["activeUntil"] == "2026-12-31T00:00:00.000Z")
            #expect(
                created["leadProviderCriteria"] == [
                    [
                        "provider": "baseProvider", "type": "person",
                        "filters": [
                            "job_title": ["CFO", "VP Finance"], "location": ["country": ["Germany"]],
                            "company": ["employee_size": ["min": 50, "max": 500], "industry": ["Fintech"]], "skills": ["IFRS"],
                        ],
                    ]
                ])
            #expect(
                created["customFilterCriteria"] == [
                    ["type": "maxPeoplePerCompany", "value": 2], ["type": "minDaysUntilReuse", "value": 90],
                ])
            #expect(
                created["crmFilters"] == [
                    "provider": "bullhorn", "textSearch": "Finance*", "query": nil,
                    "filters": [["path": "status", "mode": "eq", "value": "Active", "exclude": false]],
                ])
            let id = try #require(created.string("id"))
            let read = try await api.request(.get, "/api/v1/entities/icps/\(id)", token: t)
            #expect(read.status == .ok)
            #expect(read.body == created.body)
            let index = try await api.request(.get, "/api/v1/entities/icps", token: t)
            #expect(index.body == .array([try #require(created.body)]))

            let minimal = try await api.createICP(t, #"{"name": "Minimal"}"#)
            #expect(minimal.status == .created)
            #expect(minimal["description"] == .null)
            #expect(minimal["leadProviderCriteria"] == [])
            #expect(minimal["customFilterCriteria"] == [])
            #expect(minimal["crmFilters"] == .null)
            #expect(minimal["leadsPerList"] == 10, "the default")
            #expect(minimal["activeUntil"] == .null)
            #expect(minimal.strings("userIds") == [tenant.alice.user.id])
            let type = try await api.createICP(t, #"{"name": "Companies", "leadProviderCriteria": [{"provider": "baseProvider"}]}"#)
            #expect(
                type["leadProviderCriteria"] == [["provider": "baseProvider", "type": "person", "filters": [:]]], "type defaults to person")
        }
    }

    @Test("the access rule of lists: listed users and admins; another organization's ICP is 404, an unlisted user's 403")
    func access() async throws {
        try await withTestApp { api, tenant, other in
            let created = try await api.createICP(tenant.alice.token, #"{"name": "Alice's"}"#)
            let id = try #require(created.string("id"))
            let path = "/api/v1/entities/icps/\(id)"
            #expect(try await api.request(.get, path, token: tenant.bob.token).status == .forbidden)
            #expect(try await api.request(.get, path, token: tenant.bob.token).errorMessage == "You do not have access to this ICP")
            #expect(try await api.request(.patch, path, token: tenant.bob.token, json: #"{"name": "x"}"#).status == .forbidden)
            #expect(try await api.request(.delete, path, token: tenant.bob.token).status == .forbidden)
            let foreign = try await api.request(.get, path, token: other.alice.token)
            #expect(foreign.status == .notFound)
            #expect(foreign.errorMessage == "ICP not found: \(id)")
            #expect(try await api.request(.delete, path, token: other.admin.token).status == .notFound)
            #expect(try await api.request(.get, path, token: tenant.admin.token).status == .ok, "an admin may")
            #expect(listIDs(try await api.request(.get, "/api/v1/entities/icps", token: tenant.bob.token)) == [])
            #expect(listIDs(try await api.request(.get, "/api/v1/entities/icps", token: tenant.admin.token)) == [id])
            #expect(listIDs(try await api.request(.get, "/api/v1/entities/icps", token: other.admin.token)) == [])
            let shared = try await api.request(.patch, path, token: tenant.alice.token, json: #"{"userIds": ["\#(tenant.bob.user.id)"]}"#)
            #expect(shared.strings("userIds") == [tenant.alice.user.id, tenant.bob.user.id].sorted())
            #expect(try await api.request(.get, path, token: tenant.bob.token).status == .ok, "bob was given access")
            #expect(try await api.request(.get, "/api/v1/entities/icps/\(UUID())", token: tenant.alice.token).status == .notFound)
            #expect(try await api.request(.get, "/api/v1/entities/icps/nope", token: tenant.alice.token).status == .badRequest)
        }
    }

    @Test("PATCH changes what it names, keeps the rest and the creator, and refuses nulls where a value is needed")
    func patch() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let created = try await api.createICP(t, Self.full)
            let path = "/api/v1/entities/icps/\(try #require(created.string("id")))"
            let patched = try await api.request(
                .patch, path, token: t,
                json: #"{"name": "Renamed", "description": null, "crmFilters": null, "userIds": [], "customFilterCriteria": []}"#)
            #expect(patched.status == .ok)
            #expect(patched.string("name") == "Renamed")
            #expect(patched["description"] == .null)
            #expect(patched["crmFilters"] == .null)
            #expect(patched["customFilterCriteria"] == [])
            #expect(patched.strings("userIds") == [tenant.alice.user.id], "the creator stays")
            #expect(patched["leadProviderCriteria"] == created["leadProviderCriteria"], "left out, so kept")
            #expect(patched["leadsPerList"] == 25)
            #expect(patched.string("createdAt") == created.string("createdAt"))
            #expect(try await api.request(.get, path, token: t).body == patched.body)
            let nulls = try await api.request(
                .patch, path, token: t, json: #"{"name": null, "leadsPerList": null, "leadProviderCriteria": null}"#)
            #expect(
                Set(nulls.details) == [
                    ValidationIssue(path: ["name"], message: "Must not be null"),
                    ValidationIssue(path: ["leadsPerList"], message: "Must not be null"),
                    ValidationIssue(path: ["leadProviderCriteria"], message: "Must not be null"),
                ])
            #expect(try await api.request(.get, path, token: t).body == patched.body, "a failed PATCH changes nothing")
        }
    }

    @Test("bad ICP bodies are a 400 naming every failing field, down to the criteria's keys")
    func validation() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let response = try await api.createICP(
                t,
                #"""
                {"name": " ", "leadsPerList": 0, "activeUntil": "soon", "userIds": [""],
                 "leadProviderCriteria": [{"provider": "apollo", "type": "people", "filters": {"title": ["x"], "company": {"employee_size": {"min": 500, "max": 50}}}}],
                 "customFilterCriteria": [{"type": "maxPerDay", "value": -1}, {}],
                 "crmFilters": {"provider": "salesforce", "filters": [{"mode": "eq", "value": {"a": 1}, "exclude": "yes"}]}}
                """#)
            #expect(response.status == .badRequest)
            #expect(
                Set(response.details) == [
                    ValidationIssue(path: ["name"], message: "Must not be empty"),
                    ValidationIssue(path: ["leadsPerList"], message: "Must be between 1 and 1000"),
                    ValidationIssue(path: ["activeUntil"], message: "Expected an ISO-8601 date or date-time"),
                    ValidationIssue(path: ["userIds", 0], message: "Must not be empty"),
                    ValidationIssue(path: ["leadProviderCriteria", 0, "provider"], message: "Must be one of: baseProvider"),
                    ValidationIssue(path: ["leadProviderCriteria", 0, "type"], message: "Must be one of: person, company"),
                    ValidationIssue(
                        path: ["leadProviderCriteria", 0, "filters", "title"],
                        message: "Unknown field; expected job_title, skills, location, company"),
                    ValidationIssue(
                        path: ["leadProviderCriteria", 0, "filters", "company", "employee_size", "max"], message: "Must not be below min"),
                    ValidationIssue(
                        path: ["customFilterCriteria", 0, "type"], message: "Must be one of: maxPeoplePerCompany, minDaysUntilReuse"),
                    ValidationIssue(path: ["customFilterCriteria", 0, "value"], message: "Must be between 0 and 10000000"),
                    ValidationIssue(path: ["customFilterCriteria", 1, "type"], message: "Required"),
                    ValidationIssue(path: ["customFilterCriteria", 1, "value"], message: "Required"),
                    ValidationIssue(path: ["crmFilters", "provider"], message: "Must be one of: bullhorn"),
                    ValidationIssue(path: ["crmFilters", "filters", 0, "path"], message: "Required"),
                    ValidationIssue(
                        path: ["crmFilters", "filters", 0, "value"], message: "Expected string, number or boolean, received object"),
                    ValidationIssue(path: ["crmFilters", "filters", 0, "exclude"], message: "Expected boolean, received string"),
                ])
            #expect(listIDs(try await api.request(.get, "/api/v1/entities/icps", token: t)) == [], "nothing was made")
            let many = "[" + Array(repeating: #"{"type": "minDaysUntilReuse", "value": 1}"#, count: 21).joined(separator: ",") + "]"
            let tooMany = try await api.createICP(t, #"{"name": "x", "customFilterCriteria": \#(many)}"#)
            #expect(tooMany.details == [ValidationIssue(path: ["customFilterCriteria"], message: "Must contain at most 20 item(s)")])
        }
    }

    @Test("a list's icpId must name an ICP of the organization; deleting the ICP keeps its lists and unlinks them")
    func lists() async throws {
        try await withTestApp { api, tenant, other in
            let t = tenant.alice.token
            let icp = try #require(try await api.createICP(t, #"{"name": "Fintech CFOs"}"#).string("id"))
            let foreign = try #require(try await api.createICP(other.alice.token, #"{"name": "Theirs"}"#).string("id"))
            let list = try await api.createList(t, extra: #", "icpId": "\#(icp)""#)
            #expect(try await api.list(t, list).string("icpId") == icp)
            for missing in [UUID().uuidString.lowercased(), foreign] {
                let refused = try await api.createList(t, #"{"name": "x", "icpId": "\#(missing)"}"#)
                #expect(refused.status == .badRequest)
                #expect(refused.details == [ValidationIssue(path: ["icpId"], message: "No ICP with this id in the organization")])
                let patched = try await api.updateList(t, list, #"{"icpId": "\#(missing)"}"#)
                #expect(patched.details == [ValidationIssue(path: ["icpId"], message: "No ICP with this id in the organization")])
            }
            #expect(try await api.list(t, list).string("icpId") == icp, "a refused PATCH changes nothing")
            let second = try await api.createList(t, name: "Second", extra: #", "icpId": "\#(icp)""#)
            let deleted = try await api.request(.delete, "/api/v1/entities/icps/\(icp)", token: t)
            #expect(deleted.status == .noContent)
            #expect(deleted.text.isEmpty)
            for id in [list, second] {
                let kept = try await api.list(t, id)
                #expect(kept.status == .ok, "the list stays")
                #expect(kept["icpId"] == .null, "unlinked")
            }
            #expect(try await api.request(.get, "/api/v1/entities/icps/\(icp)", token: t).status == .notFound)
            #expect(try await api.request(.delete, "/api/v1/entities/icps/\(icp)", token: t).status == .notFound)
            #expect(try await api.updateList(t, list, #"{"icpId": "\#(icp)"}"#).status == .badRequest, "a deleted ICP names nothing")
            #expect(try await api.updateList(t, list, #"{"icpId": null}"#).status == .ok)
        }
    }
}
