import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseJSON
import LeadbaseServer
import LeadbaseTestSupport
import Testing

/// The documented shapes, whole: every response that carries a person, a company, a lead or a
/// list names every field of its shape, and a lead carries the organization's owner and consent.
@Suite("Lead shape and complete records")
struct LeadShapeTests {
    /// The fields of a record's shape: its stored properties, by name.
    static func fields(of value: Any) -> Set<String> {
        Set(
            Mirror(reflecting: value).children.compactMap { child in
                child.label.map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 }
            })
    }

    static let personFields = fields(of: Person(id: UUID(), firstName: "", lastName: ""))
    static let companyFields = fields(of: Company(id: UUID(), name: ""))
    static let leadFields = personFields.union([
        "company", "leadOwnerId", "consentStatus", "consentSource", "consentUpdatedAt", "deletedAt", "clientContact", "syncedAt",
        "addedAt",
    ])
    static let listFields: Set<String> = [
        "id", "name", "type", "icpId", "startDate", "endDate", "userIds", "personIds", "companyIds", "memberCount", "createdAt",
        "updatedAt",
    ]

    /// `value`'s keys are exactly `expected`; its `company`, when it has one, is a complete company.
    static func expectShape(_ value: JSONValue?, _ expected: Set<String>, _ what: String) {
        guard let object = value?.objectValue else {
            Issue.record("\(what) is not an object: \(String(describing: value))")
            return
        }
        #expect(
            Set(object.keys) == expected,
            "\(what): missing \(expected.subtracting(object.keys).sorted()), extra \(Set(object.keys).subtracting(expected).sorted())")
        if let company = object["company"], company != .null { expectShape(company, companyFields, "\(what).company") }
    }

    static func items(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    @Test("every person, company, lead and list in a response names every field of its shape, null or [] when it has none")
    func complete() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let prospect = Self.personFields.union(["company"])
            let search = try await api.searchPeople(t, #"{"size": 100}"#)
            #expect(Self.items(search["content"]).count == F.people.count)
            for item in Self.items(search["content"]) { Self.expectShape(item, prospect, "a search result") }
            let jane = try await api.request(.get, "/api/v1/entities/prospects/person/\(F.jane)", token: t)
            Self.expectShape(jane.body, prospect, "get person")
            #expect(jane["company"] == .null)
            #expect(jane["emails"] == [], "a list without items is []")
            #expect(jane["jobTitle"] == .null, "an unknown value is null")
            let john = try await api.request(.get, "/api/v1/entities/prospects/person/\(F.john)", token: t)
            let education = Self.items(john["educations"]).first
            #expect(
                education == [
                    "institution": ["id": nil, "name": "MIT", "logoUrl": nil, "linkedinUrl": nil], "degreeName": "Bachelor of Science",
                    "fieldOfStudy": "Computer Science", "grade": nil, "dates": ["start": "2000", "end": nil],
                ], "nested parts are complete too")
            #expect(Self.items(john["languages"]) == [["language": "English", "level": nil]])
            let company = try await api.request(.get, "/api/v1/entities/prospects/company/\(F.acme)", token: t)
            Self.expectShape(company.body, Self.companyFields, "get company")
            for item in Self.items(try await api.searchCompanies(t, #"{"size": 100}"#)["content"]) {
                Self.expectShape(item, Self.companyFields, "a company search result")
            }
            let atCompany = try await api.request(.get, "/api/v1/entities/prospects/company/\(F.acme)/people/search", token: t)
            #expect(!Self.items(atCompany["content"]).isEmpty)
            for item in Self.items(atCompany["content"]) { Self.expectShape(item, prospect, "people at a company") }

            let people = try await api.createList(t)
            _ = try await api.addProspects(t, people, api.manual([F.jose, F.jane]))
            let shown = try await api.list(t, people)
            Self.expectShape(shown.body, Self.listFields.union(["persons"]), "a person list")
            #expect(Self.items(shown["persons"]).count == 2)
            for lead in Self.items(shown["persons"]) { Self.expectShape(lead, Self.leadFields, "a list's person") }
            let leads = try await api.request(.get, "/api/v1/entities/leads/list/\(people)", token: t)
            #expect(Self.items(leads.body).count == 2)
            for lead in Self.items(leads.body) { Self.expectShape(lead, Self.leadFields, "a lead") }

            let accounts = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            let added = try await api.request(
                .post, "/api/v1/entities/leadlists/\(accounts)/add-companies", token: t, json: #"{"companyIds": ["\#(F.acme)"]}"#)
            Self.expectShape(added.body, Self.listFields.union(["companies", "addedCount", "notFoundIds"]), "add-companies")
            for item in Self.items(added["companies"]) { Self.expectShape(item, Self.companyFields, "an added company") }
            for item in Self.items(try await api.request(.get, "/api/v1/entities/leads/list/\(accounts)", token: t).body) {
                Self.expectShape(item, Self.companyFields, "a company list's member")
            }
            let lists = try await api.lists(t)
            #expect(Self.items(lists.body).count == 2)
            for list in Self.items(lists.body) { Self.expectShape(list, Self.listFields, "a list of the index") }
        }
    }

    /// The lead `id` of a person list, read from leads-by-list.
    static func lead(_ api: APIClient, _ token: String, _ list: String, _ id: UUID) async throws -> [String: JSONValue] {
        let leads = try await api.request(.get, "/api/v1/entities/leads/list/\(list)", token: token)
        let match = Self.items(leads.body).compactMap(\.objectValue).first { $0["id"] == .string(id.uuidString.lowercased()) }
        return try #require(match, "lead \(id) in \(leads.text)")
    }

    @Test("a lead copied from the directory is owned by the user who added it, of unknown consent, with its copy's own timestamps")
    func fromDirectory() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.zoe]))
            let lead = try await Self.lead(api, t, list, F.zoe)
            #expect(lead["leadOwnerId"] == .string(tenant.alice.user.id))
            #expect(lead["consentStatus"] == "UNKNOWN")
            #expect(lead["consentSource"] == .null)
            #expect(lead["consentUpdatedAt"] == .null)
            #expect(lead["deletedAt"] == .null)
            #expect(lead["clientContact"] == .null)
            #expect(lead["createdAt"] == lead["syncedAt"], "the copy was made when it was synced")
            #expect(lead["updatedAt"] == lead["createdAt"])
            let directory = try await api.request(.get, "/api/v1/entities/prospects/person/\(F.zoe)", token: t)
            #expect(lead["createdAt"] != directory["createdAt"], "the lead's timestamps are the copy's, not the directory's")
            #expect(lead["firstName"] == directory["firstName"])
            // Added by another user to another list, the record keeps its owner.
            let admin = tenant.admin.token
            let other = try await api.createList(admin, name: "Admin's")
            _ = try await api.addProspects(admin, other, api.manual([F.zoe]))
            #expect(try await Self.lead(api, admin, other, F.zoe)["leadOwnerId"] == .string(tenant.alice.user.id))
        }
    }

    @Test("direct data sets owner and consent; a consent change without its date is dated now; what a prospect leaves out stays")
    func directAttributes() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let ann = UUID()
            let first = try await api.addProspects(
                t, list,
                #"""
                {"prospects": [
                  {"id": "\#(ann)", "firstName": "Ann", "lastName": "Lee", "leadOwnerId": "\#(tenant.bob.user.id)",
                   "consentStatus": "GRANTED", "consentSource": "Webinar sign-up form", "consentUpdatedAt": "2026-01-05T10:00:00Z"},
                  {"firstName": "Bob", "lastName": "Ray", "emails": ["bob@ray.io"]},
                  {"firstName": "Cy", "lastName": "Orr", "emails": ["cy@orr.io"], "leadOwnerId": null}
                ]}
                """#)
            #expect(first.status == .ok, "\(first.text)")
            let ids = first.strings("prospectIds") ?? []
            try #require(ids.count == 3)
            var lead = try await Self.lead(api, t, list, ann)
            #expect(lead["leadOwnerId"] == .string(tenant.bob.user.id))
            #expect(lead["consentStatus"] == "GRANTED")
            #expect(lead["consentSource"] == "Webinar sign-up form")
            #expect(lead["consentUpdatedAt"] == "2026-01-05T10:00:00.000Z")
            let bob = try await Self.lead(api, t, list, try #require(UUID(uuidString: ids[1])))
            #expect(bob["leadOwnerId"] == .string(tenant.alice.user.id), "a new record is the caller's")
            #expect(bob["consentStatus"] == "UNKNOWN")
            #expect(bob["consentUpdatedAt"] == .null)
            #expect(try await Self.lead(api, t, list, try #require(UUID(uuidString: ids[2])))["leadOwnerId"] == .null, "unassigned")

            let before = Date()
            let second = try await api.addProspects(
                t, list, #"{"prospects": [{"id": "\#(ann)", "firstName": "Ann", "lastName": "Lee", "consentStatus": "WITHDRAWN"}]}"#)
            #expect(second.status == .ok)
            lead = try await Self.lead(api, t, list, ann)
            #expect(lead["consentStatus"] == "WITHDRAWN")
            #expect(lead["leadOwnerId"] == .string(tenant.bob.user.id), "left out, so kept")
            #expect(lead["consentSource"] == "Webinar sign-up form")
            let dated = try #require(
                lead["consentUpdatedAt"].flatMap { if case .string(let text) = $0 { ISO8601.parse(text) } else { nil } })
            #expect(dated >= before.addingTimeInterval(-1) && dated <= Date().addingTimeInterval(1), "dated now")

            // Two prospects of one request that are one record: the later one's attributes win.
            _ = try await api.addProspects(
                t, list,
                #"""
                {"prospects": [
                  {"id": "\#(ann)", "firstName": "Ann", "lastName": "Lee", "consentStatus": "DENIED", "consentSource": "Call"},
                  {"id": "\#(ann)", "firstName": "Ann", "lastName": "Lee", "consentSource": "Email reply", "consentUpdatedAt": null}
                ]}
                """#)
            lead = try await Self.lead(api, t, list, ann)
            #expect(lead["consentStatus"] == "DENIED")
            #expect(lead["consentSource"] == "Email reply")
            #expect(lead["consentUpdatedAt"] == .null, "sent as null")

            // A lead read back and sent again, as a Lance client does, changes nothing it did not change.
            let roundTrip = try await api.addProspects(
                t, list, #"{"prospects": [\#(String(decoding: try JSONEncoder().encode(JSONValue.object(lead)), as: UTF8.self))]}"#)
            #expect(roundTrip.status == .ok, "\(roundTrip.text)")
            #expect(roundTrip["alreadyInListCount"] == 1)
            var again = try await Self.lead(api, t, list, ann)
            #expect(again.removeValue(forKey: "updatedAt") != nil)
            lead["updatedAt"] = nil
            #expect(again == lead)
        }
    }

    @Test("bad owner and consent values are a 400 naming each, and change nothing")
    func invalidAttributes() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let response = try await api.addProspects(
                t, list,
                #"""
                {"prospects": [
                  {"firstName": "A", "lastName": "B", "consentStatus": "MAYBE", "leadOwnerId": ""},
                  {"firstName": "C", "lastName": "D", "consentStatus": null, "consentUpdatedAt": "yesterday", "consentSource": 7}
                ]}
                """#)
            #expect(response.status == .badRequest)
            #expect(
                Set(response.details) == [
                    ValidationIssue(
                        path: ["prospects", 0, "consentStatus"], message: "Must be one of: UNKNOWN, GRANTED, DENIED, WITHDRAWN"),
                    ValidationIssue(path: ["prospects", 0, "leadOwnerId"], message: "Must not be empty"),
                    ValidationIssue(path: ["prospects", 1, "consentStatus"], message: "Must not be null"),
                    ValidationIssue(path: ["prospects", 1, "consentUpdatedAt"], message: "Expected an ISO-8601 date or date-time"),
                    ValidationIssue(path: ["prospects", 1, "consentSource"], message: "Expected string, received number"),
                ])
            #expect(try await api.members(t, list).isEmpty)
        }
    }
}
