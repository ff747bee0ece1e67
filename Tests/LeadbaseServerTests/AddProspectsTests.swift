import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import SQLKit
import Testing

extension APIClient {
    func addProspects(_ token: String?, _ list: String, _ json: String) async throws -> APIResponse {
        try await request(.post, "/api/v1/entities/leadlists/\(list)/add-prospects", token: token, json: json)
    }

    func manual(_ ids: [UUID], excluded: [UUID] = []) -> String {
        func quoted(_ ids: [UUID]) -> String { ids.map { "\"\($0.uuidString.lowercased())\"" }.joined(separator: ",") }
        return #"{"selection": {"mode": "manual", "includedIds": [\#(quoted(ids))], "excludedIds": [\#(quoted(excluded))]}}"#
    }

    /// The list's `personIds`, as UUIDs.
    func members(_ token: String, _ list: String) async throws -> Set<UUID> {
        Set((try await self.list(token, list).strings("personIds") ?? []).compactMap(UUID.init(uuidString:)))
    }
}

@Suite("Add prospects")
struct AddProspectsTests {
    @Test("manual selection adds the people, reports every input, and skips those already in the list")
    func manual() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let missing = UUID()
            let first = try await api.addProspects(t, list, api.manual([F.jose, F.zoe, F.jose, F.john, missing], excluded: [F.john]))
            #expect(first.status == .ok)
            #expect(
                first.body == [
                    "addedCount": 2, "alreadyInListCount": 0, "excludedCount": 1, "notFoundCount": 1,
                    "notFoundIds": [.string(missing.uuidString.lowercased())],
                    "addedIds": [.string(F.jose.uuidString.lowercased()), .string(F.zoe.uuidString.lowercased())],
                    "inaccessibleCount": 0, "inaccessibleIds": [], "prospectIds": nil,
                ])
            #expect(try await api.members(t, list) == [F.jose, F.zoe])
            let again = try await api.addProspects(t, list, api.manual([F.jose, F.zoe]))
            #expect(again["addedCount"] == 0, "all already exist")
            #expect(again["alreadyInListCount"] == 2)
            let more = try await api.addProspects(t, list, api.manual([F.zoe, F.jane]))
            #expect(more["addedCount"] == 1)
            #expect(try await api.members(t, list) == [F.jose, F.zoe, F.jane])
        }
    }

    @Test("bulk selection adds exactly the people of that window of the search, minus exclusions, not backfilled")
    func bulk() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let filters = #"{"contact": {"seniority": {"any": {"exclude": ["intern"]}}}, "page": 0, "size": 100}"#
            let page = try await api.peopleIDs(t, #"{"contact": {"seniority": {"any": {"exclude": ["intern"]}}}, "page": 1, "size": 2}"#)
            #expect(page == [F.john, F.jane])
            let list = try await api.createList(t)
            let response = try await api.addProspects(
                t, list,
                #"""
                {"selection": {"mode": "bulk", "startIndex": 2, "targetCount": 2, "excludedIds": [], "filters": \#(filters)}}
                """#)
            #expect(response["addedCount"] == 2)
            #expect(try await api.members(t, list) == Set(page))

            let other = try await api.createList(t, name: "Excluding")
            let excluding = try await api.addProspects(
                t, other,
                #"""
                {"selection": {"mode": "bulk", "startIndex": 0, "targetCount": 3, "excludedIds": ["\#(F.zoe.uuidString)"], "filters": \#(filters)}}
                """#)
            #expect(excluding["addedCount"] == 2)
            #expect(excluding["excludedCount"] == 1)
            #expect(try await api.members(t, other) == [F.jose, F.john], "the excluded person is not replaced by the next one")

            let beyond = try await api.addProspects(
                t, other,
                #"""
                {"selection": {"mode": "bulk", "startIndex": 100, "targetCount": 10, "filters": {}}}
                """#)
            #expect(
                beyond.body == [
                    "addedCount": 0, "alreadyInListCount": 0, "excludedCount": 0, "notFoundCount": 0, "notFoundIds": [],
                    "addedIds": [], "inaccessibleCount": 0, "inaccessibleIds": [], "prospectIds": nil,
                ])
        }
    }

    @Test("the chosen people and their companies are copied into the organization's records, which later imports do not rewrite")
    func tenantSync() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await withTestApp(configure: { $0 = configuration }, directory: true) { api, tenant, _ in
            let list = try await api.createList(tenant.alice.token)
            _ = try await api.addProspects(tenant.alice.token, list, api.manual([F.jose]))
        }
        let counts = try await TestEnvironment.withDatabase(configuration) { database in
            var renamed = F.people[0]
            renamed.lastName = "Changed"
            _ = try await SQLDirectoryStore(database: database).upsert(people: [renamed])
            return try await database.withSession { sql in
                let person = try await sql.raw("SELECT doc, synced_at FROM tenant_people").all()
                let companies = try await sql.raw("SELECT id FROM tenant_companies").all()
                return (person.count, try person.first?.decode(column: "doc", as: String.self) ?? "", companies.count)
            }
        }
        #expect(counts.0 == 1)
        #expect(counts.1.contains("García") && !counts.1.contains("Changed"))
        #expect(counts.2 == 1, "José's company came along")
    }

    @Test("errors: company list 400, other organization 404, no access 403, no token 401, bad bodies 400 with paths")
    func errors() async throws {
        try await withTestApp(directory: true) { api, tenant, other in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let companies = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            #expect(try await api.addProspects(t, companies, api.manual([F.jose])).status == .badRequest)
            let foreign = try await api.addProspects(other.admin.token, list, api.manual([F.jose]))
            #expect(foreign.status == .notFound)
            #expect(foreign.errorMessage == "LeadList not found: \(list)")
            let forbidden = try await api.addProspects(tenant.bob.token, list, api.manual([F.jose]))
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.errorMessage == "You do not have access to this lead list")
            #expect(try await api.addProspects(nil, list, api.manual([F.jose])).status == .unauthorized)
            #expect(try await api.addProspects(tenant.admin.token, list, api.manual([F.jose]))["addedCount"] == 1, "admin override")

            let cases: [(String, [[PathComponent]])] = [
                ("{}", [[]]),
                (#"{"prospects": [], "selection": {"mode": "manual", "includedIds": []}}"#, [[]]),
                (#"{"selection": {"mode": "manual", "includedIds": []}}"#, [["selection", "includedIds"]]),
                (
                    #"{"selection": {"mode": "manual", "includedIds": ["lead_abc123", "\#(F.jose.uuidString)"]}}"#,
                    [["selection", "includedIds", 0]]
                ),
                (#"{"selection": {"mode": "everything"}}"#, [["selection", "mode"]]),
                (
                    #"{"selection": {"mode": "bulk", "startIndex": -1, "targetCount": 1001, "filters": {"contact": {"vibe": {}}}}}"#,
                    [["selection", "startIndex"], ["selection", "targetCount"], ["selection", "filters", "contact", "vibe"]]
                ),
                (#"{"selection": {"mode": "bulk", "startIndex": 0, "targetCount": 10}}"#, [["selection", "filters"]]),
                (
                    #"{"prospects": [{"lastName": "Lee"}, {"firstName": "Ann", "lastName": "Lee", "emails": "x", "id": "7"}]}"#,
                    [["prospects", 0, "firstName"], ["prospects", 1, "emails"], ["prospects", 1, "id"]]
                ),
                (#"{"prospects": [{"firstName": "Ann", "lastName": "Lee", "seniority": 5}]}"#, [["prospects", 0, "seniority"]]),
                (#"{"prospects": []}"#, [["prospects"]]),
            ]
            for (body, paths) in cases {
                let response = try await api.addProspects(t, list, body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(Set(response.details.map(\.path)) == Set(paths), "\(body): \(response.text)")
            }
            #expect(try await api.members(t, list) == [F.jose], "failed requests changed nothing")
        }
    }

    @Test("16 concurrent overlapping requests add every person once; their addedCounts sum to the list's growth")
    func concurrency() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let everyone = [F.jose, F.zoe, F.john, F.jane, F.joseS]
            let added = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 {
                    let pick = (0..<3).map { everyone[(index + $0 * 2) % everyone.count] }
                    group.addTask {
                        let response = try await api.addProspects(t, list, api.manual(pick))
                        guard case .number(let count)? = response["addedCount"] else { throw TestFailure(response.text) }
                        return Int(count)
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(added == 5)
            #expect(try await api.members(t, list) == Set(everyone))
        }
    }
}

@Suite("Add prospects atomicity")
struct AddProspectsAtomicityTests {
    /// A trigger that makes linking one particular person fail: a real failure, after the tenant
    /// sync of the same request has already written.
    static func failLinking(_ person: UUID, in database: Database) async throws {
        try await database.withSession { sql in
            if database.dialect == .postgres {
                try await sql.raw(
                    """
                    CREATE FUNCTION fail_link() RETURNS trigger AS $$
                    BEGIN
                      IF NEW.person_id = '\(unsafeRaw: person.uuidString.lowercased())' THEN RAISE EXCEPTION 'injected failure'; END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql
                    """
                ).run()
                try await sql.raw("CREATE TRIGGER fail_link BEFORE INSERT ON lead_list_persons FOR EACH ROW EXECUTE FUNCTION fail_link()")
                    .run()
            } else {
                try await sql.raw(
                    """
                    CREATE TRIGGER fail_link BEFORE INSERT ON lead_list_persons
                    WHEN NEW.person_id = '\(unsafeRaw: person.uuidString)'
                    BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                    """
                ).run()
            }
        }
    }

    @Test("a request that fails after part of its work changes nothing, and answers a bare 500")
    func rollback() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await withTestApp(configure: { $0 = configuration }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            try await TestEnvironment.withDatabase(configuration) { try await Self.failLinking(F.zoe, in: $0) }
            let failed = try await api.addProspects(t, list, api.manual([F.jose, F.zoe]))
            #expect(failed.status == .internalServerError)
            #expect(failed.text == #"{"error":{"code":"INTERNAL_ERROR","message":"An unexpected error occurred"}}"#)
            #expect(try await api.members(t, list) == [])
            let synced = try await TestEnvironment.rowCount("tenant_people", configuration)
            #expect(synced == 0, "the tenant sync of the failed request was rolled back")
            #expect(try await api.addProspects(t, list, api.manual([F.jose]))["addedCount"] == 1, "the list still works")
        }
    }

    @Test("a list deleted between the access check and the write is a 404, and the write is rolled back")
    func listGoneMeanwhile() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let organization = try await SQLAccountStore(database: database).createOrganization(name: "Acme").id
            let gone = UUID()
            let person = Person(id: UUID(), firstName: "Ann", lastName: "Lee")
            let prospect = DirectProspect(fields: ["firstName": "Ann", "lastName": "Lee"], person: person, hasID: false)
            await #expect(throws: LeadbaseError.leadListNotFound(gone)) {
                try await SQLMembershipStore(database: database).upsertAndLink(
                    people: [prospect], toList: gone, for: Identity(organizationID: organization, userID: "usr_ann", role: .member),
                    dryRun: false)
            }
            let written = try await database.withSession { sql in
                try await sql.raw("SELECT count(*) AS n FROM tenant_people").first()?.decode(column: "n", as: Int.self)
            }
            #expect(written == 0)
        }
    }
}

@Suite("List members")
struct ListMemberTests {
    @Test("a person list shows its members' records with their companies; leads by list answers the same leads")
    func persons() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.john]))
            _ = try await api.addProspects(t, list, api.manual([F.jose]))
            let read = try await api.list(t, list)
            guard case .array(let persons)? = read["persons"] else {
                Issue.record("no persons")
                return
            }
            #expect(
                persons.compactMap { $0.objectValue?["id"] } == [
                    .string(F.john.uuidString.lowercased()), .string(F.jose.uuidString.lowercased()),
                ],
                "in the order they were added")
            #expect(persons.first?.objectValue?["company"]?.objectValue?["name"] == "Globex Corporation")
            #expect(persons.first?.objectValue?["syncedAt"] != nil)
            let leads = try await api.request(.get, "/api/v1/entities/leads/list/\(list)", token: t)
            #expect(leads.status == .ok)
            #expect(leads.body == .array(persons))
            #expect(try await api.request(.get, "/api/v1/entities/leads/list/\(list)", token: tenant.bob.token).status == .forbidden)
            #expect(try await api.request(.get, "/api/v1/entities/leads/list/\(UUID())", token: t).status == .notFound)
        }
    }

    @Test("add-companies adds to company lists only, skipping repeated and present ids, and answers the list with companies")
    func addCompanies() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            let path = "/api/v1/entities/leadlists/\(list)/add-companies"
            let first = try await api.request(.post, path, token: t, json: #"{"companyIds": ["\#(F.acme)", "\#(F.acme)", "\#(F.globex)"]}"#)
            #expect(first.status == .ok)
            #expect(first["addedCount"] == 2)
            #expect(first.strings("companyIds").map(Set.init) == [F.acme.uuidString.lowercased(), F.globex.uuidString.lowercased()])
            guard case .array(let companies)? = first["companies"] else {
                Issue.record("no companies")
                return
            }
            #expect(companies.count == 2)
            let missing = UUID()
            let second = try await api.request(
                .post, path, token: t, json: #"{"companyIds": ["\#(F.globex)", "\#(F.initech)", "\#(missing)"]}"#)
            #expect(second["addedCount"] == 1)
            #expect(second["notFoundIds"] == [.string(missing.uuidString.lowercased())])
            let leads = try await api.request(.get, "/api/v1/entities/leads/list/\(list)", token: t)
            #expect(
                contentIDs(APIResponse(status: .ok, headers: [:], body: ["content": leads.body ?? .null], text: "")) == [
                    F.acme, F.globex, F.initech,
                ])
            let empty = try await api.request(.post, path, token: t, json: #"{"companyIds": []}"#)
            #expect(empty.details == [ValidationIssue(path: ["companyIds"], message: "Must contain at least 1 item(s)")])
            let persons = try await api.createList(t)
            let wrongType = try await api.request(
                .post, "/api/v1/entities/leadlists/\(persons)/add-companies", token: t, json: #"{"companyIds": ["\#(F.acme)"]}"#)
            #expect(wrongType.status == .badRequest)
        }
    }
}

@Suite("Member removal")
struct MemberRemovalTests {
    @Test("remove-members unlinks by id, counts ids that were not members, keeps the records, and checks access")
    func remove() async throws {
        try await withTestApp(directory: true) { api, tenant, other in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.jose, F.zoe, F.john]))
            let path = "/api/v1/entities/leadlists/\(list)/remove-members"
            let removed = try await api.request(.post, path, token: t, json: #"{"ids": ["\#(F.jose)", "\#(F.jose)", "\#(F.jane)"]}"#)
            #expect(removed.status == .ok)
            #expect(removed.body == ["removedCount": 1, "notInListCount": 1])
            #expect(try await api.members(t, list) == [F.zoe, F.john])
            let again = try await api.addProspects(t, list, api.manual([F.jose]))
            #expect(again["addedCount"] == 1, "the record stayed and can be linked again")
            #expect(try await api.request(.post, path, token: tenant.bob.token, json: #"{"ids": ["\#(F.zoe)"]}"#).status == .forbidden)
            #expect(try await api.request(.post, path, token: other.admin.token, json: #"{"ids": ["\#(F.zoe)"]}"#).status == .notFound)
            let invalid = try await api.request(.post, path, token: t, json: #"{"ids": ["nope"]}"#)
            #expect(invalid.details == [ValidationIssue(path: ["ids", 0], message: "Invalid UUID")])
            #expect(try await api.members(t, list) == [F.jose, F.zoe, F.john])
        }
    }
}

@Suite("Add prospects with direct data")
struct DirectProspectTests {
    static let lanceExample = """
        {"prospects": [
          {"id": "550e8400-e29b-41d4-a716-446655440001", "firstName": "John", "lastName": "Smith", "jobTitle": "VP of Sales",
           "city": "San Francisco", "country": "United States", "linkedinUrl": "https://www.linkedin.com/in/johnsmith",
           "emails": ["john.smith@example.com"], "phones": ["+1-555-123-4567"], "companyId": "660e8400-e29b-41d4-a716-446655440001",
           "seniority": "vp", "departments": ["sales"], "functions": ["business_development"]},
          {"id": "550e8400-e29b-41d4-a716-446655440002", "firstName": "Jane", "lastName": "Doe", "jobTitle": "Marketing Director",
           "city": "New York", "country": "United States", "linkedinUrl": "https://www.linkedin.com/in/janedoe",
           "emails": ["jane.doe@example.com"], "phones": [], "companyId": "660e8400-e29b-41d4-a716-446655440002",
           "seniority": "director", "departments": ["marketing"], "functions": ["marketing"]}
        ]}
        """
    static let john = UUID(uuidString: "550e8400-e29b-41d4-a716-446655440001")!
    static let jane = UUID(uuidString: "550e8400-e29b-41d4-a716-446655440002")!

    @Test("the Lance example adds two people; sending them again adds none")
    func example() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let first = try await api.addProspects(t, list, Self.lanceExample)
            #expect(first.status == .ok)
            #expect(first["addedCount"] == 2)
            #expect(try await api.members(t, list) == [Self.john, Self.jane])
            let again = try await api.addProspects(t, list, Self.lanceExample)
            #expect(again["addedCount"] == 0, "all already exist")
            #expect(again["alreadyInListCount"] == 2)
        }
    }

    @Test("records are matched by id, else LinkedIn URL, else e-mail; sent fields update them; others are created")
    func matching() async throws {
        try await withTestApp { api, tenant, other in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, Self.lanceExample)
            let second = try await api.createList(t, name: "Second")
            let response = try await api.addProspects(
                t, second,
                #"""
                {"prospects": [
                  {"firstName": "John", "lastName": "Smith", "jobTitle": "CRO", "linkedinUrl": "http://uk.linkedin.com/in/JohnSmith/"},
                  {"firstName": "Jane", "lastName": "Doe-Roe", "emails": ["JANE.DOE@example.com "]},
                  {"firstName": "New", "lastName": "Person", "emails": ["new@example.com"]},
                  {"firstName": "New", "lastName": "Person", "emails": ["new@example.com"], "jobTitle": "Twice in one request"}
                ]}
                """#)
            #expect(response["addedCount"] == 3)
            #expect(response["alreadyInListCount"] == 0)
            let members = try await api.members(t, second)
            #expect(members.count == 3)
            #expect(members.isSuperset(of: [Self.john, Self.jane]))
            let leads = try await api.request(.get, "/api/v1/entities/leads/list/\(second)", token: t)
            guard case .array(let people)? = leads.body else {
                Issue.record("no leads")
                return
            }
            let byID = Dictionary(
                uniqueKeysWithValues: people.compactMap { person -> (String, [String: JSONValue])? in
                    guard let object = person.objectValue, case .string(let id)? = object["id"] else { return nil }
                    return (id, object)
                })
            #expect(byID[Self.john.uuidString.lowercased()]?["jobTitle"] == "CRO", "sent fields update the record")
            #expect(byID[Self.john.uuidString.lowercased()]?["city"] == "San Francisco", "fields not sent stay")
            #expect(byID[Self.jane.uuidString.lowercased()]?["lastName"] == "Doe-Roe")
            #expect(people.contains { $0.objectValue?["jobTitle"] == "Twice in one request" })

            let elsewhere = try await api.createList(other.alice.token)
            let separate = try await api.addProspects(other.alice.token, elsewhere, Self.lanceExample)
            #expect(separate["addedCount"] == 2, "another organization has records of its own")
        }
    }

    @Test("direct data matches a person synced from the directory by e-mail")
    func matchesSynced() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.jose]))
            let direct = try await api.addProspects(
                t, list, #"{"prospects": [{"firstName": "José", "lastName": "García", "emails": ["Jose@Acme.io"], "jobTitle": "CRO"}]}"#)
            #expect(direct["addedCount"] == 0)
            #expect(direct["alreadyInListCount"] == 1)
            #expect(try await api.members(t, list) == [F.jose])
        }
    }

    @Test("sent e-mails replace the ones a record is matched by; other candidates keep theirs")
    func emailsReplaced() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let ann = #""firstName": "Ann", "lastName": "Lee", "linkedinUrl": "https://linkedin.com/in/ann-lee""#
            _ = try await api.addProspects(
                t, list,
                #"{"prospects": [{\#(ann), "emails": ["ann@old.io"]}, {"firstName": "Bo", "lastName": "Ek", "emails": ["bo@ek.io", "bo2@ek.io"]}]}"#
            )
            // Ann, found by her LinkedIn URL, now has Bo's first e-mail only; Bo was a candidate and is not rewritten.
            let moved = try await api.addProspects(t, list, #"{"prospects": [{\#(ann), "emails": ["bo@ek.io"]}]}"#)
            #expect(moved["alreadyInListCount"] == 1)
            let bo = try await api.addProspects(
                t, list, #"{"prospects": [{"firstName": "Bo", "lastName": "Ek", "emails": ["bo2@ek.io"]}]}"#)
            #expect(bo["alreadyInListCount"] == 1, "Bo is still found by his other e-mail")
            let old = try await api.addProspects(
                t, list, #"{"prospects": [{"firstName": "Ann", "lastName": "Lee", "emails": ["ann@old.io"]}]}"#)
            #expect(old["addedCount"] == 1, "ann@old.io is nobody's any more")
            #expect(try await api.members(t, list).count == 3)
        }
    }

    @Test("e-mails match whatever the case of any letter and the white space around them")
    func emailCaseFolding() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let first = try await api.addProspects(
                t, list, #"{"prospects": [{"firstName": "Åsa", "lastName": "Öberg", "emails": ["ÅSA.ÖBERG@Nordic.se"]}]}"#)
            #expect(first["addedCount"] == 1)
            let again = try await api.addProspects(
                t, list, #"{"prospects": [{"firstName": "Åsa", "lastName": "Öberg", "emails": [" åsa.öberg@nordic.SE\t"]}]}"#)
            #expect(again["addedCount"] == 0)
            #expect(again["alreadyInListCount"] == 1)
        }
    }
}

@Suite("CSV export")
struct CSVExportTests {
    @Test("a person list exports as RFC 4180 CSV with a header row and one row per member, in id order")
    func persons() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.john, F.jose]))
            _ = try await api.addProspects(
                t, list,
                #"{"prospects": [{"firstName": "Quote \"Q\"", "lastName": "Comma, Inc", "jobTitle": "=SUM(A1)", "emails": ["a@x.io", "b@x.io"]}]}"#
            )
            let export = try await api.request(.get, "/api/v1/entities/leadlists/\(list)/export", token: t)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = export.text.components(separatedBy: "\r\n")
            #expect(lines.first == CSV.leadHeader.joined(separator: ","))
            #expect(lines.count == 5, "header, three members, and the empty string after the last CRLF")
            #expect(
                lines.contains {
                    $0.hasPrefix(
                        "a0000000-0000-4000-8000-000000000001,José,García,VP of Sales,vp,jose@acme.io,,https://www.linkedin.com/in/josegarcia,Zürich,,Switzerland,c0000000-0000-4000-8000-000000000001,Acme Software,acme.io,"
                    )
                })
            #expect(export.text.contains(#""Quote ""Q""","Comma, Inc",'=SUM(A1),,a@x.io; b@x.io"#))
            #expect(
                try await api.request(.get, "/api/v1/entities/leadlists/\(list)/export", token: tenant.bob.token).errorCode == "FORBIDDEN")
        }
    }

    @Test("the export pages through a list larger than a page without skipping or repeating anyone")
    func paging() async throws {
        let configuration = try await TestEnvironment.configuration()
        let seed = DirectorySeed(seed: 3, companies: 20, people: 2500)
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            _ = try await store.upsert(companies: Array(seed.companies))
            for chunk in stride(from: 0, to: 2500, by: 500) {
                _ = try await store.upsert(people: (chunk..<(chunk + 500)).map(seed.person(at:)))
            }
        }
        try await withTestApp(configure: { $0 = configuration }) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            for start in stride(from: 0, to: 2500, by: 1000) {
                let added = try await api.addProspects(
                    t, list, #"{"selection": {"mode": "bulk", "startIndex": \#(start), "targetCount": 1000, "filters": {}}}"#)
                #expect(added.status == .ok)
            }
            let export = try await api.request(.get, "/api/v1/entities/leadlists/\(list)/export", token: t)
            let ids = export.text.components(separatedBy: "\r\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
            #expect(ids.count == 2500)
            #expect(Set(ids).count == 2500)
            #expect(ids == ids.sorted())
        }
    }
}

@Suite("Members through create and PATCH")
struct MemberReplacementTests {
    @Test("create takes initial members; PATCH personIds replaces them; unknown ids are 400 and change nothing")
    func replace() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let created = try await api.createList(t, #"{"name": "Seeded", "personIds": ["\#(F.jose)", "\#(F.zoe)", "\#(F.jose)"]}"#)
            #expect(created.status == .created)
            let list = try #require(created.string("id"))
            #expect(try await api.members(t, list) == [F.jose, F.zoe])

            let replaced = try await api.updateList(t, list, #"{"personIds": ["\#(F.zoe)", "\#(F.john)"]}"#)
            #expect(replaced.status == .ok)
            #expect(try await api.members(t, list) == [F.zoe, F.john])
            guard case .array(let persons)? = replaced["persons"] else {
                Issue.record("no persons")
                return
            }
            #expect(persons.count == 2)

            let missing = UUID()
            let unknown = try await api.updateList(t, list, #"{"name": "Renamed", "personIds": ["\#(F.jane)", "\#(missing)"]}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.details == [ValidationIssue(path: ["personIds", 1], message: "Not found")])
            #expect(try await api.members(t, list) == [F.zoe, F.john], "a failed PATCH changes nothing")
            #expect(try await api.list(t, list).string("name") == "Seeded")

            let cleared = try await api.updateList(t, list, #"{"personIds": []}"#)
            #expect(cleared.status == .ok)
            #expect(try await api.members(t, list) == [])

            let companies = try await api.createList(
                t, #"{"name": "Accounts", "type": "company", "companyIds": ["\#(F.acme)"], "personIds": []}"#)
            #expect(companies.status == .created)
            #expect(companies.strings("companyIds") == [F.acme.uuidString.lowercased()])
        }
    }
}
