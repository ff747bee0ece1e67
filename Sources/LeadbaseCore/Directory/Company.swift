import Foundation

/// A company of the global directory, in the Lance API's shape (its §4.4), plus the numbers the
/// range filters compare (`employeeCount`, `annualRevenue` in USD), `type`, `technologies`,
/// `specialties` and `socialMediaLinks`. Encoded, every field is present, as `Person`'s are.
public struct Company: Sendable, Hashable, Codable {
    @LowercaseUUID public var id: UUID
    public var createdAt: String?
    public var updatedAt: String?
    public var name: String
    public var legalName: String?
    public var description: String?
    public var summary: String?
    public var headcount: String?
    public var employeeCount: Int?
    public var industry: String?
    public var phones: [String]?
    public var linkedinUrl: String?
    public var websiteUrl: String?
    public var domain: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    public var logoUrl: String?
    public var baseProviderId: String?
    public var bullhornId: JSONValue?
    public var crmId: String?
    public var foundedYear: Int?
    public var revenue: String?
    public var annualRevenue: Int?
    public var type: String?
    public var technologies: [String]?
    public var specialties: [String]?
    public var socialMediaLinks: [String]?
    public var location: Location?

    public init(id: UUID, name: String) {
        self.id = id
        self.name = name
    }

    public struct Coordinates: Sendable, Hashable, Codable {
        public var lat: Double?
        public var lng: Double?
        public init(lat: Double?, lng: Double?) {
            self.lat = lat
            self.lng = lng
        }
    }

    public struct Address: Sendable, Hashable, Codable {
        public var continent: String?
        public var country: String?
        public var state: String?
        public var city: String?
        public var street: String?
        public var postalCode: String?
        public var rawAddress: String?
        public var coordinates: Coordinates?
        public init(
            continent: String? = nil, country: String?, state: String?, city: String?, street: String? = nil,
            postalCode: String? = nil, rawAddress: String? = nil, coordinates: Coordinates? = nil
        ) {
            self.continent = continent
            self.country = country
            self.state = state
            self.city = city
            self.street = street
            self.postalCode = postalCode
            self.rawAddress = rawAddress
            self.coordinates = coordinates
        }
    }

    public struct Location: Sendable, Hashable, Codable {
        public var headquarter: Address?
        public var locations: [Address]?
        public init(headquarter: Address?, locations: [Address]?) {
            self.headquarter = headquarter
            self.locations = locations
        }
    }

    /// Headquarters city, state and country, from `location.headquarter` or the flat fields.
    public var headquarters: (city: String?, state: String?, country: String?) {
        let hq = location?.headquarter
        return (hq?.city ?? city, hq?.state ?? state, hq?.country ?? country)
    }
}

extension Company {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.uuidString.lowercased(), forKey: .id)
        if encoder.writesTimestamps {
            try c.encodeOrNull(createdAt, forKey: .createdAt)
            try c.encodeOrNull(updatedAt, forKey: .updatedAt)
        }
        try c.encode(name, forKey: .name)
        try c.encodeOrNull(legalName, forKey: .legalName)
        try c.encodeOrNull(description, forKey: .description)
        try c.encodeOrNull(summary, forKey: .summary)
        try c.encodeOrNull(headcount, forKey: .headcount)
        try c.encodeOrNull(employeeCount, forKey: .employeeCount)
        try c.encodeOrNull(industry, forKey: .industry)
        try c.encodeOrEmpty(phones, forKey: .phones)
        try c.encodeOrNull(linkedinUrl, forKey: .linkedinUrl)
        try c.encodeOrNull(websiteUrl, forKey: .websiteUrl)
        try c.encodeOrNull(domain, forKey: .domain)
        try c.encodeOrNull(city, forKey: .city)
        try c.encodeOrNull(state, forKey: .state)
        try c.encodeOrNull(postalCode, forKey: .postalCode)
        try c.encodeOrNull(country, forKey: .country)
        try c.encodeOrNull(logoUrl, forKey: .logoUrl)
        try c.encodeOrNull(baseProviderId, forKey: .baseProviderId)
        try c.encodeOrNull(bullhornId, forKey: .bullhornId)
        try c.encodeOrNull(crmId, forKey: .crmId)
        try c.encodeOrNull(foundedYear, forKey: .foundedYear)
        try c.encodeOrNull(revenue, forKey: .revenue)
        try c.encodeOrNull(annualRevenue, forKey: .annualRevenue)
        try c.encodeOrNull(type, forKey: .type)
        try c.encodeOrEmpty(technologies, forKey: .technologies)
        try c.encodeOrEmpty(specialties, forKey: .specialties)
        try c.encodeOrEmpty(socialMediaLinks, forKey: .socialMediaLinks)
        try c.encodeOrNull(location, forKey: .location)
    }
}

extension Company.Coordinates {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(lat, forKey: .lat)
        try c.encodeOrNull(lng, forKey: .lng)
    }
}

extension Company.Address {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(continent, forKey: .continent)
        try c.encodeOrNull(country, forKey: .country)
        try c.encodeOrNull(state, forKey: .state)
        try c.encodeOrNull(city, forKey: .city)
        try c.encodeOrNull(street, forKey: .street)
        try c.encodeOrNull(postalCode, forKey: .postalCode)
        try c.encodeOrNull(rawAddress, forKey: .rawAddress)
        try c.encodeOrNull(coordinates, forKey: .coordinates)
    }
}

extension Company.Location {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(headquarter, forKey: .headquarter)
        try c.encodeOrEmpty(locations, forKey: .locations)
    }
}
