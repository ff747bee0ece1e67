import Foundation
import Testing

@testable import LeadbaseCore

/// The direct-data rule on its own: which record each prospect becomes, and what is written.
@Suite("Direct prospect data: matching and merging")
struct DirectProspectMergeTests {
    static let a = UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!
    static let b = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!
    static let c = UUID(uuidString: "00000000-0000-0000-0000-00000000000c")!
    static let sent = UUID(uuidString: "00000000-0000-0000-0000-0000000000ff")!

    /// A stored record with a LinkedIn URL and e-mails.
    static func stored(_ id: UUID, _ name: String, linkedin: String? = nil, emails: [String] = []) -> MatchCandidate {
        var person = Person(id: id, firstName: name, lastName: "Stored")
        person.linkedinUrl = linkedin
        person.emails = emails.isEmpty ? nil : emails
        var fields: [String: JSONValue] = [
            "id": .string(id.uuidString.lowercased()), "firstName": .string(name), "lastName": "Stored",
            "jobTitle": "Engineer", "createdAt": "2026-01-01T00:00:00Z",
        ]
        if let linkedin { fields["linkedinUrl"] = .string(linkedin) }
        if !emails.isEmpty { fields["emails"] = .array(emails.map(JSONValue.string)) }
        return MatchCandidate(id: id, fields: fields, person: person)
    }

    /// A prospect as a request sends it: `fields` are exactly the sent ones.
    static func prospect(
        id: UUID? = nil, _ first: String, linkedin: String? = nil, emails: [String] = [], extra: [String: JSONValue] = [:]
    ) -> DirectProspect {
        var person = Person(id: id ?? sent, firstName: first, lastName: "Sent")
        person.linkedinUrl = linkedin
        person.emails = emails.isEmpty ? nil : emails
        var fields: [String: JSONValue] = ["firstName": .string(first), "lastName": "Sent"].merging(extra) { _, new in new }
        if let id { fields["id"] = .string(id.uuidString) }
        if let linkedin { fields["linkedinUrl"] = .string(linkedin) }
        if !emails.isEmpty { fields["emails"] = .array(emails.map(JSONValue.string)) }
        return DirectProspect(fields: fields, person: person, hasID: id != nil)
    }

    static func merged(_ record: DirectProspectMerge.Record) -> [String: JSONValue]? {
        if case .merged(let fields) = record { return fields }
        return nil
    }

    @Test("a prospect matching nothing is written as sent, under its own id")
    func new() {
        let merge = DirectProspectMerge([Self.prospect("Ann")], candidates: [Self.stored(Self.a, "Old", linkedin: "linkedin.com/in/old")])
        #expect(merge.ids == [Self.sent])
        #expect(merge.records.count == 1)
        #expect(merge.records[0].id == Self.sent)
        #expect(merge.records[0].record == .asSent(Self.prospect("Ann").person))
    }

    @Test("the id, the LinkedIn URL and the e-mail of one prospect point at three records: the id wins, the others stay")
    func idBeforeLinkedInBeforeEmail() {
        let candidates = [
            Self.stored(Self.a, "Ann"),
            Self.stored(Self.b, "Bob", linkedin: "https://www.linkedin.com/in/bob"),
            Self.stored(Self.c, "Cat", emails: ["cat@example.com"]),
        ]
        let prospect = Self.prospect(id: Self.a, "Ann", linkedin: "linkedin.com/in/BOB/", emails: ["CAT@example.com"])
        let merge = DirectProspectMerge([prospect], candidates: candidates)
        #expect(merge.ids == [Self.a])
        #expect(merge.records.map(\.id) == [Self.a], "b and c are not written")
        let fields = Self.merged(merge.records[0].record)
        #expect(fields?["linkedinUrl"] == "linkedin.com/in/BOB/", "the sent fields replace the stored ones")
        #expect(fields?["emails"] == ["CAT@example.com"])
        #expect(fields?["jobTitle"] == "Engineer", "a field not sent stays")
        #expect(fields?["createdAt"] == nil, "timestamps are the table's")
        #expect(fields?["id"] == .string(Self.a.uuidString.lowercased()))

        let withoutID = DirectProspectMerge(
            [Self.prospect("Bob", linkedin: "linkedin.com/in/BOB/", emails: ["CAT@example.com"])], candidates: candidates)
        #expect(withoutID.ids == [Self.b], "without an id, the LinkedIn URL (normalized) comes before the e-mail")
        let byEmail = DirectProspectMerge(
            [Self.prospect("Cat", emails: ["nobody@example.com", "Cat@Example.com"])], candidates: candidates)
        #expect(byEmail.ids == [Self.c], "e-mails match lower-cased, any of them")
    }

    @Test("a sent id that no record has is the new record's id; one the caller may not see is replaced")
    func sentIDs() {
        let fresh = DirectProspectMerge([Self.prospect(id: Self.b, "Bob")], candidates: [Self.stored(Self.a, "Ann")])
        #expect(fresh.ids == [Self.b])
        guard case .asSent(let person) = fresh.records.first?.record else {
            Issue.record("expected the person as sent")
            return
        }
        #expect(person.id == Self.b)

        let replacement = UUID()
        let hidden = DirectProspectMerge([Self.prospect(id: Self.b, "Bob")], candidates: [], hidden: [Self.b], newID: { replacement })
        #expect(hidden.ids == [replacement], "the hidden record is neither matched nor overwritten")
        guard case .asSent(let replaced) = hidden.records.first?.record else {
            Issue.record("expected the person as sent")
            return
        }
        #expect(replaced.id == replacement)

        let matchedAnyway = DirectProspectMerge(
            [Self.prospect(id: Self.b, "Bob", emails: ["ann@example.com"])],
            candidates: [Self.stored(Self.a, "Ann", emails: ["ann@example.com"])], hidden: [Self.b])
        #expect(matchedAnyway.ids == [Self.a], "a hidden id still lets the other keys match")
    }

    @Test("prospects of one request that match each other become one record, merged in request order")
    func withinRequest() {
        let merge = DirectProspectMerge(
            [
                Self.prospect("Ann", linkedin: "linkedin.com/in/ann", extra: ["jobTitle": "CTO"]),
                Self.prospect(id: UUID(), "Annie", emails: ["ann@example.com"]),
                Self.prospect("Ann", linkedin: "https://linkedin.com/in/ann", emails: ["ann@example.com"], extra: ["city": "Oslo"]),
            ], candidates: [])
        #expect(merge.ids.count == 3)
        #expect(merge.ids[0] == Self.sent && merge.ids[2] == Self.sent, "the third matches the first by LinkedIn")
        #expect(merge.ids[1] != Self.sent, "the second shares nothing with the first")
        #expect(merge.records.map(\.id) == [merge.ids[0], merge.ids[1]])
        let first = Self.merged(merge.records[0].record)
        #expect(first?["jobTitle"] == "CTO", "the first's fields stay")
        #expect(first?["city"] == "Oslo", "and the third's are over them")
        #expect(first?["emails"] == ["ann@example.com"])
        #expect(merge.records[1].record.person?.id == merge.ids[1], "sent once, matching nothing: written as sent")
    }

    @Test("keys read for the candidates: given ids, normalized LinkedIn URLs, lower-cased e-mails")
    func keys() {
        let keys = DirectProspectMerge.keys(of: [
            Self.prospect(id: Self.a, "Ann", linkedin: "https://www.linkedin.com/in/Ann/"),
            Self.prospect("Bob", emails: ["Bob@Example.com"]),
        ])
        #expect(keys.ids == [Self.a])
        #expect(keys.linkedinKeys == [ProfileURL.normalize("https://www.linkedin.com/in/Ann/")!])
        #expect(keys.emails == ["bob@example.com"])
    }
}

extension DirectProspectMerge.Record {
    var person: Person? {
        if case .asSent(let person) = self { return person }
        return nil
    }
}
