import Foundation
import LeadbaseCore

/// Companies written as canonical JSON without `Codable`, as people are (`Person+JSON.swift`):
/// `JSONEncoder`, through `Company`'s explicit `encode(to:)`, was most of a company import's time.
extension Company {
    /// The canonical JSON of the company (see `CanonicalJSONWritable`); nil for one that
    /// `JSONEncoder` must write: with a `bullhornId` (any JSON value, rare), or with a coordinate
    /// that is not a finite number (which it refuses).
    public var canonicalJSON: [UInt8]? {
        guard bullhornId == nil else { return nil }
        let coordinates = [location?.headquarter] + (location?.locations ?? [])
        guard coordinates.allSatisfy({ $0?.coordinates?.isFinite ?? true }) else { return nil }
        var writer = CanonicalJSONWriter(capacity: 1024)
        write(to: &writer)
        return writer.bytes
    }
}

extension Company: CanonicalJSONWritable {
    /// The canonical form: without the timestamps (`CodingUserInfoKey.withoutTimestamps`), and
    /// `bullhornId` only as `null` (see `canonicalJSON`).
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("annualRevenue", annualRevenue)
            writer.field("baseProviderId", baseProviderId)
            writer.field("bullhornId", String?.none)
            writer.field("city", city)
            writer.field("country", country)
            writer.field("crmId", crmId)
            writer.field("description", description)
            writer.field("domain", domain)
            writer.field("employeeCount", employeeCount)
            writer.field("foundedYear", foundedYear)
            writer.field("headcount", headcount)
            writer.field("id", uuid: id)
            writer.field("industry", industry)
            writer.field("legalName", legalName)
            writer.field("linkedinUrl", linkedinUrl)
            writer.field("location", location)
            writer.field("logoUrl", logoUrl)
            writer.field("name", name)
            writer.field("phones", phones)
            writer.field("postalCode", postalCode)
            writer.field("revenue", revenue)
            writer.field("socialMediaLinks", socialMediaLinks)
            writer.field("specialties", specialties)
            writer.field("state", state)
            writer.field("summary", summary)
            writer.field("technologies", technologies)
            writer.field("type", type)
            writer.field("websiteUrl", websiteUrl)
        }
    }
}

extension Company.Location: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("headquarter", headquarter)
            writer.field("locations", locations)
        }
    }
}

extension Company.Address: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("city", city)
            writer.field("continent", continent)
            writer.field("coordinates", coordinates)
            writer.field("country", country)
            writer.field("postalCode", postalCode)
            writer.field("rawAddress", rawAddress)
            writer.field("state", state)
            writer.field("street", street)
        }
    }
}

extension Company.Coordinates: CanonicalJSONWritable {
    var isFinite: Bool { (lat?.isFinite ?? true) && (lng?.isFinite ?? true) }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { writer in
            writer.field("lat", lat)
            writer.field("lng", lng)
        }
    }
}

extension Double: CanonicalJSONWritable {
    /// As `JSONEncoder` writes a finite double: its shortest round-trip form (`description`),
    /// without a trailing `.0` (`1`, `0.1`, `1e-05`, `1.2345678901234568e+17`).
    func write(to writer: inout CanonicalJSONWriter) {
        var text = description
        if text.hasSuffix(".0") { text.removeLast(2) }
        writer.raw(text)
    }
}
