import Foundation

/// A person of the global directory, in the Lance API's shape (its §4.2), plus `state`,
/// `headline`, `socialMediaLinks` and `certifications`, which the filter grammar searches.
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
