import Foundation
import Testing

@testable import LeadbaseCore
@testable import LeadbaseJSON

/// The hand-written reader (`JSONRecordReadable`) and writer (`CanonicalJSONWritable`) of people,
/// and the writer of companies, name every field by hand: a property added to `Person`, `Company`
/// or one of their parts without a key would be skipped silently on import (the reader skips
/// unknown keys) or lost from the stored document. These tests fail when that happens.
@Suite("Every record property has a JSON key in the hand-written reader and writer")
struct RecordKeysTests {
    /// The stored properties of `value` by name (a property wrapper's `_id` as `id`), and whether
    /// each holds a value.
    static func properties(of value: Any) -> [String: Bool] {
        var properties: [String: Bool] = [:]
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            properties[label.hasPrefix("_") ? String(label.dropFirst()) : label] = !isNil(child.value)
        }
        return properties
    }

    static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.isEmpty }
        if let wrapped = mirror.children.first(where: { $0.label == "wrappedValue" }) { return isNil(wrapped.value) }
        return false
    }

    /// `sample` must set every property but `unset` (else a new one would go unnoticed here too),
    /// the reader's keys must be its properties, and the writer must write each of them but
    /// `unwritten`.
    static func check<Record: CanonicalJSONWritable, Key: CaseIterable & RawRepresentable<String>>(
        _ sample: Record, readerKeys: Key.Type, unset allowedUnset: Set<String> = [], unwritten: Set<String> = []
    ) throws {
        let properties = properties(of: sample)
        let keys = Set(Key.allCases.map(\.rawValue))
        #expect(
            keys == Set(properties.keys),
            "the reader of \(Record.self) lacks \(Set(properties.keys).subtracting(keys).sorted()), has extra \(keys.subtracting(properties.keys).sorted())"
        )
        try checkWriter(sample, unset: allowedUnset, unwritten: unwritten)
    }

    /// `sample` must set every property but `unset`, and the writer must write each of them but
    /// `unwritten`.
    static func checkWriter<Record: CanonicalJSONWritable>(
        _ sample: Record, unset allowedUnset: Set<String> = [], unwritten: Set<String> = []
    ) throws {
        let properties = properties(of: sample)
        let unset = properties.filter { !$0.value }.map(\.key).filter { !allowedUnset.contains($0) }
        #expect(unset.isEmpty, "the sample \(Record.self) sets every property: give \(unset.sorted()) a value")
        var writer = CanonicalJSONWriter()
        sample.write(to: &writer)
        guard case .object(let written) = try JSONValue.parse(writer.bytes) else {
            Issue.record("\(Record.self) is not written as an object")
            return
        }
        let expected = Set(properties.keys).subtracting(unwritten)
        #expect(Set(written.keys) == expected, "the writer of \(Record.self) lacks \(expected.subtracting(written.keys).sorted())")
    }

    @Test("a person: every property is read; every one but the timestamps written (bullhornId only as null); it reads back the same")
    func person() throws {
        let person = RecordJSONTests.full
        try Self.check(person, readerKeys: Person.Key.self, unset: ["bullhornId"], unwritten: ["createdAt", "updatedAt"])
        var expected = person
        expected.createdAt = nil
        expected.updatedAt = nil
        let canonical = try #require(person.canonicalJSON)
        #expect(canonical.withUnsafeBytes(Person.importing) == expected, "importing drops only the timestamps")
    }

    @Test("a person's parts: every property is read and written")
    func parts() throws {
        let person = RecordJSONTests.full
        let education = try #require(person.educations?.first)
        let experience = try #require(person.workExperiences?.first)
        let company = try #require(experience.company)
        try Self.check(try #require(person.languages?.first), readerKeys: Person.Language.Key.self)
        try Self.check(try #require(education.dates), readerKeys: Person.DateSpan.Key.self)
        try Self.check(try #require(education.institution), readerKeys: Person.Institution.Key.self)
        try Self.check(education, readerKeys: Person.Education.Key.self)
        try Self.check(try #require(company.employees), readerKeys: Person.EmployeeRange.Key.self)
        try Self.check(company, readerKeys: Person.ExperienceCompany.Key.self)
        try Self.check(try #require(experience.profilePositions?.first), readerKeys: Person.ProfilePosition.Key.self)
        try Self.check(experience, readerKeys: Person.WorkExperience.Key.self)
    }

    @Test("a company and its parts: every property is written but the timestamps (bullhornId only as null); no hand-written reader")
    func company() throws {
        let company = RecordJSONTests.fullCompany
        #expect(!(company is any JSONRecordReadable), "a hand-written reader for Company needs a key test like Person's")
        try Self.checkWriter(company, unset: ["bullhornId"], unwritten: ["createdAt", "updatedAt"])
        let location = try #require(company.location)
        let headquarter = try #require(location.headquarter)
        try Self.checkWriter(location)
        try Self.checkWriter(headquarter)
        try Self.checkWriter(try #require(headquarter.coordinates))
    }

    /// Every key of `value`'s encoding, with what it holds, checked against the properties:
    /// each is present; a nil one is `null`, or `[]` for a list.
    static func expectComplete(_ value: some Encodable) throws {
        guard case .object(let written) = try JSONValue.parse(try JSONEncoder().encode(value)) else {
            Issue.record("\(type(of: value)) is not written as an object")
            return
        }
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let key = label.hasPrefix("_") ? String(label.dropFirst()) : label
            guard let item = written[key] else {
                Issue.record("\(type(of: value)) leaves out \(key)")
                continue
            }
            guard isNil(child.value) else { continue }
            let isList = String(describing: type(of: child.value)).hasPrefix("Optional<Array<")
            #expect(item == (isList ? .array([]) : .null), "\(type(of: value)).\(key) is written as \(item)")
        }
    }

    @Test("records are encoded complete: every field at every depth, null when unknown, [] for a list")
    func complete() throws {
        try Self.expectComplete(Person(id: UUID(), firstName: "A", lastName: "B"))
        try Self.expectComplete(Person.Language(language: nil, level: nil))
        try Self.expectComplete(Person.DateSpan(start: nil, end: nil))
        try Self.expectComplete(Person.Institution(name: nil))
        try Self.expectComplete(Person.Education(institution: nil, degreeName: nil, fieldOfStudy: nil, dates: nil))
        try Self.expectComplete(Person.EmployeeRange(start: nil, end: nil))
        try Self.expectComplete(Person.ExperienceCompany(id: nil, name: nil))
        try Self.expectComplete(Person.ProfilePosition(company: nil, title: nil, dates: nil))
        try Self.expectComplete(Person.WorkExperience(company: nil, dates: nil, profilePositions: nil))
        try Self.expectComplete(Company(id: UUID(), name: "Acme"))
        try Self.expectComplete(Company.Coordinates(lat: nil, lng: nil))
        try Self.expectComplete(Company.Address(country: nil, state: nil, city: nil))
        try Self.expectComplete(Company.Location(headquarter: nil, locations: nil))
        // The canonical form is the same, without the timestamps.
        let withoutTimestamps = JSONEncoder()
        withoutTimestamps.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        withoutTimestamps.userInfo[.withoutTimestamps] = true
        let person = Person(id: UUID(), firstName: "A", lastName: "B")
        let canonical = try #require(person.canonicalJSON)
        #expect(canonical == Array(try withoutTimestamps.encode(person)))
        #expect(!String(decoding: canonical, as: UTF8.self).contains("createdAt"))
    }
}
