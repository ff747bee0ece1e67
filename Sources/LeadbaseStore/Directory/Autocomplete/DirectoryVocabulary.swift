import Foundation
import LeadbaseCore
import SQLKit

/// What autocomplete answers from, read from the whole directory at one revision: the companies
/// ranked by size, and every place, school and classified value ranked by how many records hold
/// it. A snapshot, never changed; `VocabularyAutocomplete` replaces it when the directory moves on.
final class DirectoryVocabulary: Sendable {
    /// The directory revision read before the first record: every change up to it is here.
    let revision: Int64
    let companies: RankedValues<CompanySuggestion>
    let locations: RankedValues<Counted<Place>>
    let schools: RankedValues<Counted<School>>
    /// Each classification's and person attribute's values (schools aside).
    let values: [ValueKind: RankedValues<Counted<Void>>]

    init(
        revision: Int64, companies: RankedValues<CompanySuggestion>, locations: RankedValues<Counted<Place>>,
        schools: RankedValues<Counted<School>>, values: [ValueKind: RankedValues<Counted<Void>>]
    ) {
        self.revision = revision
        self.companies = companies
        self.locations = locations
        self.schools = schools
        self.values = values
    }

    /// A value as counted: the key it is told apart by (`TextNormalizer.foldedKey`, for places with
    /// the places it is in), its name as first seen, what else a suggestion shows, and how many
    /// records hold it.
    typealias Counted<Extra> = (key: String, name: String, extra: Extra, count: Int)

    /// The kinds of plain values counted: what `classifications` and `person-metadata` look up.
    enum ValueKind: Hashable, Sendable, CaseIterable {
        case skill, headline, degree, fieldOfStudy, language, jobTitle, seniority, department, certification
        case personCity, personState, personCountry
        case industry, companyKeyword, technology
    }

    /// A place: its kind, the state and country it is in (as first seen), and for a city the
    /// coordinates of the first company headquarters there that has them.
    struct Place: Sendable {
        let type: LocationSuggestion.Kind
        let state: String?
        let country: String?
        var position: Company.Coordinates? = nil
    }

    struct School: Sendable {
        let id: String?
        let logo: String?
        let url: String?
    }

    /// Reads every company, then every person, a page at a time (the next page is read while the
    /// previous one is counted).
    static func load(from database: Database, pageSize: Int = 5_000) async throws -> DirectoryVocabulary {
        let revision = try await database.withSession { try await DirectoryRevision.current($0) }
        var counters = Counters()
        // Each company's suggestion, with its name folded once for the order.
        var companies: [(suggestion: CompanySuggestion, name: String)] = []
        try await forEachPage(of: "companies", in: database, pageSize: pageSize) { documents in
            for document in documents {
                let company = try DirectoryDocuments.decode(Company.self, from: document)
                counters.add(company)
                companies.append((CompanySuggestion(company: company), TextNormalizer.foldedKey(company.name)))
            }
        }
        try await forEachPage(of: "people", in: database, pageSize: pageSize) { documents in
            for document in documents { counters.add(try DirectoryDocuments.person(document)) }
        }
        companies.sort { left, right in
            switch (left.suggestion.employeeCount, right.suggestion.employeeCount) {
            case (let l?, let r?) where l != r: return l > r
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                return left.name != right.name
                    ? left.name.utf8.lexicographicallyPrecedes(right.name.utf8) : left.suggestion.id.precedes(right.suggestion.id)
            }
        }
        return DirectoryVocabulary(
            revision: revision,
            companies: RankedValues(companies.map { ([$0.suggestion.name, $0.suggestion.domain ?? ""], $0.suggestion) }),
            locations: counters.locations.ranked(), schools: counters.schools.ranked(),
            values: counters.values.mapValues { $0.ranked() })
    }

    /// The `doc` of each row of `table`, in id order, page by page.
    private static func forEachPage(
        of table: String, in database: Database, pageSize: Int, _ body: ([String]) throws -> Void
    ) async throws {
        @Sendable func page(after last: UUID?) async throws -> [(UUID, String)] {
            try await database.withSession { sql in
                let query: SQLQueryString =
                    if let last {
                        "SELECT id, doc FROM \(ident: table) WHERE id > \(bind: last) ORDER BY id LIMIT \(bind: pageSize)"
                    } else {
                        "SELECT id, doc FROM \(ident: table) ORDER BY id LIMIT \(bind: pageSize)"
                    }
                return try await sql.raw(query).all().map {
                    (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "doc", as: String.self))
                }
            }
        }
        var rows = try await page(after: nil)
        while let last = rows.last?.0 {
            let more = rows.count == pageSize
            async let next = more ? page(after: last) : []
            try body(rows.map(\.1))
            rows = try await next
            try Task.checkCancellation()  // a shutdown does not wait for the whole directory
        }
    }
}

/// The counts being made while the directory is read.
private struct Counters {
    var locations = ValueCounter<DirectoryVocabulary.Place>()
    var schools = ValueCounter<DirectoryVocabulary.School>()
    var values = Dictionary(uniqueKeysWithValues: DirectoryVocabulary.ValueKind.allCases.map { ($0, ValueCounter<Void>()) })

    mutating func add(_ company: Company) {
        let hq = company.headquarters
        let city = addPlace(city: hq.city, state: hq.state, country: hq.country)
        if let city, let coordinates = company.location?.headquarter?.coordinates, coordinates.lat != nil, coordinates.lng != nil {
            locations.update(key: city) { place in
                if place.position == nil { place.position = coordinates }
            }
        }
        values[.industry]!.add([company.industry].compactMap { $0 })
        values[.companyKeyword]!.add(company.specialties ?? [])
        values[.technology]!.add(company.technologies ?? [])
    }

    mutating func add(_ person: Person) {
        addPlace(city: person.city, state: person.state, country: person.country)
        values[.personCity]!.add([person.city].compactMap { $0 })
        values[.personState]!.add([person.state].compactMap { $0 })
        values[.personCountry]!.add([person.country].compactMap { $0 })
        values[.jobTitle]!.add([person.jobTitle].compactMap { $0 })
        values[.headline]!.add([person.headline].compactMap { $0 })
        values[.seniority]!.add([person.seniority].compactMap { $0 })
        values[.department]!.add((person.departments ?? []) + (person.subDepartments ?? []) + (person.functions ?? []))
        values[.skill]!.add(person.skills ?? [])
        values[.certification]!.add(person.certifications ?? [])
        values[.language]!.add((person.languages ?? []).compactMap(\.language))
        let educations = person.educations ?? []
        values[.degree]!.add(educations.compactMap(\.degreeName))
        values[.fieldOfStudy]!.add(educations.compactMap(\.fieldOfStudy))
        schools.add(
            educations.compactMap { education in
                education.institution.flatMap { institution in
                    institution.name.map {
                        ($0, DirectoryVocabulary.School(id: institution.id, logo: institution.logoUrl, url: institution.linkedinUrl))
                    }
                }
            })
    }

    /// Counts a record at its city, its state and its country, each told apart by the places it
    /// is in (`Portland, Oregon` is not `Portland, Maine`); answers the city's key, if any.
    @discardableResult
    private mutating func addPlace(city: String?, state: String?, country: String?) -> String? {
        func folded(_ value: String?) -> String { value.map(TextNormalizer.foldedKey) ?? "" }
        let (cityKey, stateKey, countryKey) = (folded(city), folded(state), folded(country))
        if !countryKey.isEmpty, let country {
            locations.add(key: "COUNTRY:\(countryKey)", name: country, extra: .init(type: .country, state: nil, country: nil))
        }
        if !stateKey.isEmpty, let state {
            locations.add(key: "STATE:\(countryKey)/\(stateKey)", name: state, extra: .init(type: .state, state: nil, country: country))
        }
        guard !cityKey.isEmpty, let city else { return nil }
        let key = "CITY:\(countryKey)/\(stateKey)/\(cityKey)"
        locations.add(key: key, name: city, extra: .init(type: .city, state: state, country: country))
        return key
    }
}
