import Foundation

/// Type-ahead over the global directory (`/operations/autocomplete/…`): the values a filter can
/// name, found by what a user has typed so far.
///
/// Every lookup matches the way a SMART text filter does, so that a suggestion put into a filter
/// finds what it promised: each word of the text is a prefix of some word of the value, ignoring
/// case and accents (`zur` finds `Zürich`); an empty text matches everything. Results come in
/// one total order, so that pages do not overlap: companies by employee count (largest first,
/// unknown last), then name and id; people in the search order (ascending id); every other kind
/// by how many records hold the value (most first), then the value.
public protocol DirectoryAutocomplete: Sendable {
    func companies(matching text: String, window: ResultWindow) async throws -> SearchResult<CompanySuggestion>
    func people(matching text: String, window: ResultWindow) async throws -> SearchResult<PersonSuggestion>
    func locations(matching text: String, window: ResultWindow) async throws -> SearchResult<LocationSuggestion>
    func schools(matching text: String, window: ResultWindow) async throws -> SearchResult<SchoolSuggestion>
    func classifications(_ key: ClassificationKey, matching text: String, window: ResultWindow) async throws
        -> SearchResult<ClassificationSuggestion>
    /// How many people hold each value of `attribute` that matches `text`.
    func counts(of attribute: PersonAttribute, matching text: String, window: ResultWindow) async throws -> [AttributeCount]
}

/// What `classifications` looks up: a kind of value, of people or of companies.
public enum ClassificationKey: String, Sendable, Hashable, CaseIterable {
    case skill = "SKILL"
    case headline = "HEADLINE"
    case degree = "DEGREE"
    case fieldOfStudy = "FIELD_OF_STUDY"
    case language = "LANGUAGE"
    case industry = "INDUSTRY"
    case keyword = "KEYWORD"
    case technology = "TECHNOLOGY"

    /// Whose values they are: people's (`PERSON`) or companies' (`COMPANY`).
    public var group: ClassificationGroup {
        switch self {
        case .skill, .headline, .degree, .fieldOfStudy, .language: .person
        case .industry, .keyword, .technology: .company
        }
    }
}

public enum ClassificationGroup: String, Sendable, Hashable, CaseIterable {
    case person = "PERSON"
    case company = "COMPANY"
}

/// A person attribute whose values `person-metadata` counts.
public enum PersonAttribute: String, Sendable, Hashable, CaseIterable {
    case jobTitle = "JOB_TITLE"
    case seniority = "SENIORITY"
    case department = "DEPARTMENT"
    case skill = "SKILL"
    case certification = "CERTIFICATION"
    case language = "LANGUAGE"
    case school = "SCHOOL"
    case degree = "DEGREE"
    case fieldOfStudy = "FIELD_OF_STUDY"
    case city = "CITY"
    case state = "STATE"
    case country = "COUNTRY"
}

/// A company suggestion (`{id, name, logo, url, domain, domainLtd, website}` in Lance), with the
/// employee count it is ranked by. `url` is the LinkedIn page; `domainLtd` the domain's top-level
/// label (`com` of `acme.com`).
public struct CompanySuggestion: Sendable, Hashable, Encodable {
    public let id: UUID
    public let name: String
    public let logo: String?
    public let url: String?
    public let domain: String?
    public let domainLtd: String?
    public let website: String?
    public let employeeCount: Int?

    public init(company: Company) {
        id = company.id
        name = company.name
        logo = company.logoUrl
        url = company.linkedinUrl
        domain = company.domain ?? company.websiteUrl.flatMap(ProfileURL.domain)
        domainLtd = domain.flatMap { $0.split(separator: ".").last.map(String.init) }
        website = company.websiteUrl
        employeeCount = company.employeeCount
    }

    public init(
        id: UUID, name: String, logo: String?, url: String?, domain: String?, domainLtd: String?, website: String?, employeeCount: Int?
    ) {
        self.id = id
        self.name = name
        self.logo = logo
        self.url = url
        self.domain = domain
        self.domainLtd = domainLtd
        self.website = website
        self.employeeCount = employeeCount
    }

    enum CodingKeys: String, CodingKey {
        case id, name, logo, url, domain, domainLtd, website, employeeCount
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.uuidString.lowercased(), forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeOrNull(logo, forKey: .logo)
        try c.encodeOrNull(url, forKey: .url)
        try c.encodeOrNull(domain, forKey: .domain)
        try c.encodeOrNull(domainLtd, forKey: .domainLtd)
        try c.encodeOrNull(website, forKey: .website)
        try c.encodeOrNull(employeeCount, forKey: .employeeCount)
    }
}

/// A person suggestion (`{id, name, title, logo, url}`): `logo` is the current company's logo (the
/// directory keeps no portraits), `url` the LinkedIn profile.
public struct PersonSuggestion: Sendable, Hashable, Encodable {
    public let id: UUID
    public let name: String
    public let title: String?
    public let logo: String?
    public let url: String?

    public init(person: Person, company: Company?) {
        id = person.id
        name = person.fullName
        title = person.jobTitle
        logo = company?.logoUrl
        url = person.linkedinUrl
    }

    enum CodingKeys: String, CodingKey {
        case id, name, title, logo, url
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.uuidString.lowercased(), forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeOrNull(title, forKey: .title)
        try c.encodeOrNull(logo, forKey: .logo)
        try c.encodeOrNull(url, forKey: .url)
    }
}

/// A city, state or country of the directory's people and company headquarters
/// (`{id, name, countryName, countryCode, stateName, stateCode, rawAddress, position}`), with its
/// `type` and how many people and companies are there. `countryCode` is ISO 3166-1 alpha-2 when
/// the country's English name is known. A city's `position` is the coordinates of a company
/// headquarters there, when one has them (else null); the directory keeps no state codes, so
/// `stateCode` is null.
public struct LocationSuggestion: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable {
        case city = "CITY"
        case state = "STATE"
        case country = "COUNTRY"
    }

    public let id: String
    public let type: Kind
    public let name: String
    public let countryName: String?
    public let countryCode: String?
    public let stateName: String?
    public let position: Company.Coordinates?
    public let count: Int

    public init(
        id: String, type: Kind, name: String, countryName: String?, countryCode: String?, stateName: String?,
        position: Company.Coordinates?, count: Int
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.countryName = countryName
        self.countryCode = countryCode
        self.stateName = stateName
        self.position = position
        self.count = count
    }

    /// `San Francisco, California, United States`.
    public var rawAddress: String {
        switch type {
        case .city: [name, stateName, countryName].compactMap { $0 }.joined(separator: ", ")
        case .state: [name, countryName].compactMap { $0 }.joined(separator: ", ")
        case .country: name
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name, countryName, countryCode, stateName, stateCode, rawAddress, position, count
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type.rawValue, forKey: .type)
        try c.encode(name, forKey: .name)
        try c.encodeOrNull(countryName, forKey: .countryName)
        try c.encodeOrNull(countryCode, forKey: .countryCode)
        try c.encodeOrNull(stateName, forKey: .stateName)
        try c.encodeNil(forKey: .stateCode)
        try c.encode(rawAddress, forKey: .rawAddress)
        try c.encodeOrNull(position, forKey: .position)
        try c.encode(count, forKey: .count)
    }
}

/// A school of the directory's educations (`{id, name, logo, url}`), with how many people
/// studied there. `id` is the institution's own id when a record gives one.
public struct SchoolSuggestion: Sendable, Hashable, Encodable {
    public let id: String
    public let name: String
    public let logo: String?
    public let url: String?
    public let count: Int

    public init(id: String, name: String, logo: String?, url: String?, count: Int) {
        self.id = id
        self.name = name
        self.logo = logo
        self.url = url
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case id, name, logo, url, count
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeOrNull(logo, forKey: .logo)
        try c.encodeOrNull(url, forKey: .url)
        try c.encode(count, forKey: .count)
    }
}

/// A value of a classification (`{id, key, value, index, metadata}`): `index` is its position in
/// the whole ordered result, `metadata` says whose values they are and how many records hold it.
public struct ClassificationSuggestion: Sendable, Hashable, Encodable {
    public let key: ClassificationKey
    public let value: String
    public let index: Int
    public let count: Int

    public init(key: ClassificationKey, value: String, index: Int, count: Int) {
        self.key = key
        self.value = value
        self.index = index
        self.count = count
    }

    /// `SKILL:machine learning`: the key and the value folded as it is matched, stable across
    /// spellings.
    public var id: String { "\(key.rawValue):\(TextNormalizer.foldedKey(value))" }

    enum CodingKeys: String, CodingKey {
        case id, key, value, index, metadata
    }

    enum MetadataKeys: String, CodingKey {
        case group, count
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(key.rawValue, forKey: .key)
        try c.encode(value, forKey: .value)
        try c.encode(index, forKey: .index)
        var metadata = c.nestedContainer(keyedBy: MetadataKeys.self, forKey: .metadata)
        try metadata.encode(key.group.rawValue, forKey: .group)
        try metadata.encode(count, forKey: .count)
    }
}

/// One value of a person attribute and how many people hold it (`person-metadata`'s `{key, value}`).
public struct AttributeCount: Sendable, Hashable, Encodable {
    public let key: String
    public let value: Int

    public init(key: String, value: Int) {
        self.key = key
        self.value = value
    }
}

extension TextNormalizer {
    /// The form in which values are told apart by autocomplete: a list value's key
    /// (`TextNormalizer.key`) without accents, so that `Zürich` and `zurich` are one place and
    /// `C++` and `C#` stay two skills.
    public static func foldedKey(_ value: String) -> String {
        let key = key(value)
        return key.utf8.allSatisfy({ $0 < 0x80 }) ? key : stripAccents(key)
    }
}
