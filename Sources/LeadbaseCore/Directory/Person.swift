import Foundation

/// A person of the global directory, in the Lance API's shape (its §4.2), plus `state`,
/// `headline`, `socialMediaLinks` and `certifications`, which the filter grammar searches.
///
/// Encoded, every field is present, at every depth: `null` when unknown, `[]` for a list without
/// items (`CompleteEncoding`), so that a strict decoder of the documented shape never meets a
/// missing key.
public struct Person: Sendable, Hashable, Codable {
    @LowercaseUUID public var id: UUID
    public var createdAt: String?
    public var updatedAt: String?
    public var firstName: String
    public var lastName: String
    public var jobTitle: String?
    public var headline: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    public var linkedinUrl: String?
    public var socialMediaLinks: [String]?
    public var phones: [String]?
    public var emails: [String]?
    @LowercaseOptionalUUID public var companyId: UUID?
    public var birthDate: String?
    public var seniority: String?
    public var departments: [String]?
    public var subDepartments: [String]?
    public var functions: [String]?
    public var skills: [String]?
    public var certifications: [String]?
    public var industry: String?
    public var languages: [Language]?
    public var educations: [Education]?
    public var workExperiences: [WorkExperience]?
    public var baseProviderId: String?
    public var bullhornId: JSONValue?
    public var crmId: String?

    public init(id: UUID, firstName: String, lastName: String) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
    }

    public var fullName: String { "\(firstName) \(lastName)" }

    public struct Language: Sendable, Hashable, Codable {
        public var language: String?
        public var level: String?
        public init(language: String?, level: String?) {
            self.language = language
            self.level = level
        }
    }

    public struct DateSpan: Sendable, Hashable, Codable {
        public var start: String?
        public var end: String?
        public init(start: String?, end: String?) {
            self.start = start
            self.end = end
        }
    }

    public struct Institution: Sendable, Hashable, Codable {
        public var id: String?
        public var name: String?
        public var logoUrl: String?
        public var linkedinUrl: String?
        public init(id: String? = nil, name: String?, logoUrl: String? = nil, linkedinUrl: String? = nil) {
            self.id = id
            self.name = name
            self.logoUrl = logoUrl
            self.linkedinUrl = linkedinUrl
        }
    }

    public struct Education: Sendable, Hashable, Codable {
        public var institution: Institution?
        public var degreeName: String?
        public var fieldOfStudy: String?
        public var grade: String?
        public var dates: DateSpan?
        public init(institution: Institution?, degreeName: String?, fieldOfStudy: String?, grade: String? = nil, dates: DateSpan?) {
            self.institution = institution
            self.degreeName = degreeName
            self.fieldOfStudy = fieldOfStudy
            self.grade = grade
            self.dates = dates
        }
    }

    public struct EmployeeRange: Sendable, Hashable, Codable {
        public var start: Int?
        public var end: Int?
        public init(start: Int?, end: Int?) {
            self.start = start
            self.end = end
        }
    }

    public struct ExperienceCompany: Sendable, Hashable, Codable {
        public var id: String?
        public var name: String?
        public var logoUrl: String?
        public var linkedinUrl: String?
        public var employees: EmployeeRange?
        public init(id: String?, name: String?, logoUrl: String? = nil, linkedinUrl: String? = nil, employees: EmployeeRange? = nil) {
            self.id = id
            self.name = name
            self.logoUrl = logoUrl
            self.linkedinUrl = linkedinUrl
            self.employees = employees
        }
    }

    public struct ProfilePosition: Sendable, Hashable, Codable {
        public var company: String?
        public var title: String?
        public var description: String?
        public var location: String?
        public var dates: DateSpan?
        public init(company: String?, title: String?, description: String? = nil, location: String? = nil, dates: DateSpan?) {
            self.company = company
            self.title = title
            self.description = description
            self.location = location
            self.dates = dates
        }
    }

    public struct WorkExperience: Sendable, Hashable, Codable {
        public var company: ExperienceCompany?
        public var dates: DateSpan?
        public var profilePositions: [ProfilePosition]?
        public init(company: ExperienceCompany?, dates: DateSpan?, profilePositions: [ProfilePosition]?) {
            self.company = company
            self.dates = dates
            self.profilePositions = profilePositions
        }

        /// An experience without an end date is a current one.
        public var isCurrent: Bool { dates?.end == nil }
    }
}

extension Person {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.uuidString.lowercased(), forKey: .id)
        if encoder.writesTimestamps {
            try c.encodeOrNull(createdAt, forKey: .createdAt)
            try c.encodeOrNull(updatedAt, forKey: .updatedAt)
        }
        try c.encode(firstName, forKey: .firstName)
        try c.encode(lastName, forKey: .lastName)
        try c.encodeOrNull(jobTitle, forKey: .jobTitle)
        try c.encodeOrNull(headline, forKey: .headline)
        try c.encodeOrNull(city, forKey: .city)
        try c.encodeOrNull(state, forKey: .state)
        try c.encodeOrNull(postalCode, forKey: .postalCode)
        try c.encodeOrNull(country, forKey: .country)
        try c.encodeOrNull(linkedinUrl, forKey: .linkedinUrl)
        try c.encodeOrEmpty(socialMediaLinks, forKey: .socialMediaLinks)
        try c.encodeOrEmpty(phones, forKey: .phones)
        try c.encodeOrEmpty(emails, forKey: .emails)
        try c.encodeOrNull(companyId?.uuidString.lowercased(), forKey: .companyId)
        try c.encodeOrNull(birthDate, forKey: .birthDate)
        try c.encodeOrNull(seniority, forKey: .seniority)
        try c.encodeOrEmpty(departments, forKey: .departments)
        try c.encodeOrEmpty(subDepartments, forKey: .subDepartments)
        try c.encodeOrEmpty(functions, forKey: .functions)
        try c.encodeOrEmpty(skills, forKey: .skills)
        try c.encodeOrEmpty(certifications, forKey: .certifications)
        try c.encodeOrNull(industry, forKey: .industry)
        try c.encodeOrEmpty(languages, forKey: .languages)
        try c.encodeOrEmpty(educations, forKey: .educations)
        try c.encodeOrEmpty(workExperiences, forKey: .workExperiences)
        try c.encodeOrNull(baseProviderId, forKey: .baseProviderId)
        try c.encodeOrNull(bullhornId, forKey: .bullhornId)
        try c.encodeOrNull(crmId, forKey: .crmId)
    }
}

extension Person.Language {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(language, forKey: .language)
        try c.encodeOrNull(level, forKey: .level)
    }
}

extension Person.DateSpan {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(start, forKey: .start)
        try c.encodeOrNull(end, forKey: .end)
    }
}

extension Person.Institution {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(id, forKey: .id)
        try c.encodeOrNull(name, forKey: .name)
        try c.encodeOrNull(logoUrl, forKey: .logoUrl)
        try c.encodeOrNull(linkedinUrl, forKey: .linkedinUrl)
    }
}

extension Person.Education {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(institution, forKey: .institution)
        try c.encodeOrNull(degreeName, forKey: .degreeName)
        try c.encodeOrNull(fieldOfStudy, forKey: .fieldOfStudy)
        try c.encodeOrNull(grade, forKey: .grade)
        try c.encodeOrNull(dates, forKey: .dates)
    }
}

extension Person.EmployeeRange {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(start, forKey: .start)
        try c.encodeOrNull(end, forKey: .end)
    }
}

extension Person.ExperienceCompany {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(id, forKey: .id)
        try c.encodeOrNull(name, forKey: .name)
        try c.encodeOrNull(logoUrl, forKey: .logoUrl)
        try c.encodeOrNull(linkedinUrl, forKey: .linkedinUrl)
        try c.encodeOrNull(employees, forKey: .employees)
    }
}

extension Person.ProfilePosition {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(company, forKey: .company)
        try c.encodeOrNull(title, forKey: .title)
        try c.encodeOrNull(description, forKey: .description)
        try c.encodeOrNull(location, forKey: .location)
        try c.encodeOrNull(dates, forKey: .dates)
    }
}

extension Person.WorkExperience {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(company, forKey: .company)
        try c.encodeOrNull(dates, forKey: .dates)
        try c.encodeOrEmpty(profilePositions, forKey: .profilePositions)
    }
}
