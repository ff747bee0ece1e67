import Foundation
import LeadbaseCore

/// People read from JSON Lines and written as canonical JSON without `Codable`: an import spends
/// most of its time here (see `JSONRecordReadable` and `CanonicalJSONWritable` for the rules that
/// keep both the same as `JSONDecoder` and `JSONEncoder`).
extension Person {
    /// A person imported from one JSON line, without `createdAt` and `updatedAt` (the directory's
    /// own), when the fast reader takes the line; nil sends the line the `Codable` way, which
    /// gives the same person or says what is wrong.
    public static func importing(_ line: UnsafeRawBufferPointer) -> Person? {
        guard let person = try? JSONParser.read(Person.self, from: line) else { return nil }
        return person
    }

    /// The canonical JSON of the person (see `CanonicalJSONWritable`); nil for one with a
    /// `bullhornId` (any JSON value, rare), which `JSONEncoder` writes.
    public var canonicalJSON: [UInt8]? {
        guard bullhornId == nil else { return nil }
        var writer = CanonicalJSONWriter(capacity: 2048)
        write(to: &writer)
        return writer.bytes
    }
}

extension Person: JSONRecordReadable {
    enum Key: String, CaseIterable, Sendable {
        case id, createdAt, updatedAt, firstName, lastName, jobTitle, headline, city, state, postalCode, country
        case linkedinUrl, socialMediaLinks, phones, emails, companyId, birthDate, seniority, departments
        case subDepartments, functions, skills, certifications, industry, languages, educations, workExperiences
        case baseProviderId, bullhornId, crmId
    }

    static let keys = KeyNames<Key>()
    /// A placeholder until the line's `id` is read; a line without one is refused.
    private static let noID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        var person = Person(id: Self.noID, firstName: "", lastName: "")
        var (hasID, hasFirstName, hasLastName) = (false, false, false)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .id:
                person.id = try UUID(reading: &parser)
                hasID = true
            case .firstName:
                person.firstName = try String(reading: &parser)
                hasFirstName = true
            case .lastName:
                person.lastName = try String(reading: &parser)
                hasLastName = true
            case .createdAt, .updatedAt, nil: try parser.skipValue()
            case .jobTitle: person.jobTitle = try parser.readOptional()
            case .headline: person.headline = try parser.readOptional()
            case .city: person.city = try parser.readOptional()
            case .state: person.state = try parser.readOptional()
            case .postalCode: person.postalCode = try parser.readOptional()
            case .country: person.country = try parser.readOptional()
            case .linkedinUrl: person.linkedinUrl = try parser.readOptional()
            case .socialMediaLinks: person.socialMediaLinks = try parser.readOptional()
            case .phones: person.phones = try parser.readOptional()
            case .emails: person.emails = try parser.readOptional()
            case .companyId: person.companyId = try parser.readOptional()
            case .birthDate: person.birthDate = try parser.readOptional()
            case .seniority: person.seniority = try parser.readOptional()
            case .departments: person.departments = try parser.readOptional()
            case .subDepartments: person.subDepartments = try parser.readOptional()
            case .functions: person.functions = try parser.readOptional()
            case .skills: person.skills = try parser.readOptional()
            case .certifications: person.certifications = try parser.readOptional()
            case .industry: person.industry = try parser.readOptional()
            case .languages: person.languages = try parser.readOptional()
            case .educations: person.educations = try parser.readOptional()
            case .workExperiences: person.workExperiences = try parser.readOptional()
            case .baseProviderId: person.baseProviderId = try parser.readOptional()
            case .crmId: person.crmId = try parser.readOptional()
            case .bullhornId:
                // Any JSON value; rare, and left to `Codable`.
                guard try parser.readOptional(Null.self) == nil else { throw parser.error("bullhornId") }
            }
        }
        guard hasID, hasFirstName, hasLastName else { throw parser.error("Missing a required key") }
        self = person
    }

    /// Reads only `null` (as `readOptional`'s nil); anything else is refused.
    private struct Null: JSONRecordReadable {
        init(reading parser: inout JSONParser) throws(JSONValue.ParseError) { throw parser.error("Not null") }
    }
}

extension Person: CanonicalJSONWritable {
    /// The canonical form: without the timestamps (`CodingUserInfoKey.withoutTimestamps`), and
    /// `bullhornId` only as `null` (see `canonicalJSON`).
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("baseProviderId", baseProviderId)
            writer.field("birthDate", birthDate)
            writer.field("bullhornId", String?.none)
            writer.field("certifications", certifications)
            writer.field("city", city)
            writer.field("companyId", uuid: companyId)
            writer.field("country", country)
            writer.field("crmId", crmId)
            writer.field("departments", departments)
            writer.field("educations", educations)
            writer.field("emails", emails)
            writer.field("firstName", firstName)
            writer.field("functions", functions)
            writer.field("headline", headline)
            writer.field("id", uuid: id)
            writer.field("industry", industry)
            writer.field("jobTitle", jobTitle)
            writer.field("languages", languages)
            writer.field("lastName", lastName)
            writer.field("linkedinUrl", linkedinUrl)
            writer.field("phones", phones)
            writer.field("postalCode", postalCode)
            writer.field("seniority", seniority)
            writer.field("skills", skills)
            writer.field("socialMediaLinks", socialMediaLinks)
            writer.field("state", state)
            writer.field("subDepartments", subDepartments)
            writer.field("workExperiences", workExperiences)
        }
    }
}

extension Person.Language: JSONRecordReadable, CanonicalJSONWritable {
    enum Key: String, CaseIterable, Sendable { case language, level }
    static let keys = KeyNames<Key>()

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        self.init(language: nil, level: nil)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .language: language = try parser.readOptional()
            case .level: level = try parser.readOptional()
            case nil: try parser.skipValue()
            }
        }
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("language", language)
            writer.field("level", level)
        }
    }
}

extension Person.DateSpan: JSONRecordReadable, CanonicalJSONWritable {
    enum Key: String, CaseIterable, Sendable { case start, end }
    static let keys = KeyNames<Key>()

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        self.init(start: nil, end: nil)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .start: start = try parser.readOptional()
            case .end: end = try parser.readOptional()
            case nil: try parser.skipValue()
            }
        }
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("end", end)
            writer.field("start", start)
        }
    }
}

extension Person.Institution: JSONRecordReadable, CanonicalJSONWritable {
    enum Key: String, CaseIterable, Sendable { case id, name, logoUrl, linkedinUrl }
    static let keys = KeyNames<Key>()

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        self.init(name: nil)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .id: id = try parser.readOptional()
            case .name: name = try parser.readOptional()
            case .logoUrl: logoUrl = try parser.readOptional()
            case .linkedinUrl: linkedinUrl = try parser.readOptional()
            case nil: try parser.skipValue()
            }
        }
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("id", id)
            writer.field("linkedinUrl", linkedinUrl)
            writer.field("logoUrl", logoUrl)
            writer.field("name", name)
        }
    }
}

extension Person.Education: JSONRecordReadable, CanonicalJSONWritable {
    enum Key: String, CaseIterable, Sendable { case institution, degreeName, fieldOfStudy, grade, dates }
    static let keys = KeyNames<Key>()

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        self.init(institution: nil, degreeName: nil, fieldOfStudy: nil, dates: nil)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .institution: institution = try parser.readOptional()
            case .degreeName: degreeName = try parser.readOptional()
            case .fieldOfStudy: fieldOfStudy = try parser.readOptional()
            case .grade: grade = try parser.readOptional()
            case .dates: dates = try parser.readOptional()
            case nil: try parser.skipValue()
            }
        }
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("dates", dates)
            writer.field("degreeName", degreeName)
            writer.field("fieldOfStudy", fieldOfStudy)
            writer.field("grade", grade)
            writer.field("institution", institution)
        }
    }
}

extension Person.EmployeeRange: JSONRecordReadable, CanonicalJSONWritable {
    enum Key: String, CaseIterable, Sendable { case start, end }
    static let keys = KeyNames<Key>()

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        self.init(start: nil, end: nil)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .start: start = try parser.readOptional()
            case .end: end = try parser.readOptional()
            case nil: try parser.skipValue()
            }
        }
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("end", end)
            writer.field("start", start)
        }
    }
}

extension Person.ExperienceCompany: JSONRecordReadable, CanonicalJSONWritable {
    enum Key: String, CaseIterable, Sendable { case id, name, logoUrl, linkedinUrl, employees }
    static let keys = KeyNames<Key>()

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        self.init(id: nil, name: nil)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .id: id = try parser.readOptional()
            case .name: name = try parser.readOptional()
            case .logoUrl: logoUrl = try parser.readOptional()
            case .linkedinUrl: linkedinUrl = try parser.readOptional()
            case .employees: employees = try parser.readOptional()
            case nil: try parser.skipValue()
            }
        }
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("employees", employees)
            writer.field("id", id)
            writer.field("linkedinUrl", linkedinUrl)
            writer.field("logoUrl", logoUrl)
            writer.field("name", name)
        }
    }
}

extension Person.ProfilePosition: JSONRecordReadable, CanonicalJSONWritable {
    enum Key: String, CaseIterable, Sendable { case company, title, description, location, dates }
    static let keys = KeyNames<Key>()

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        self.init(company: nil, title: nil, dates: nil)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .company: company = try parser.readOptional()
            case .title: title = try parser.readOptional()
            case .description: description = try parser.readOptional()
            case .location: location = try parser.readOptional()
            case .dates: dates = try parser.readOptional()
            case nil: try parser.skipValue()
            }
        }
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("company", company)
            writer.field("dates", dates)
            writer.field("description", description)
            writer.field("location", location)
            writer.field("title", title)
        }
    }
}

extension Person.WorkExperience: JSONRecordReadable, CanonicalJSONWritable {
    enum Key: String, CaseIterable, Sendable { case company, dates, profilePositions }
    static let keys = KeyNames<Key>()

    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        self.init(company: nil, dates: nil, profilePositions: nil)
        try parser.readObject(Self.keys) { (parser, key) throws(JSONValue.ParseError) in
            switch key {
            case .company: company = try parser.readOptional()
            case .dates: dates = try parser.readOptional()
            case .profilePositions: profilePositions = try parser.readOptional()
            case nil: try parser.skipValue()
            }
        }
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("company", company)
            writer.field("dates", dates)
            writer.field("profilePositions", profilePositions)
        }
    }
}
