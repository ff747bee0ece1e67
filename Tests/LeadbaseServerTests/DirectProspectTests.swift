import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import SQLKit
import Testing

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
