import Foundation
import LeadbaseCore
import SQLKit

/// What autocomplete answers from, counted over the whole directory at one revision (from the
/// search index's documents, `IndexVocabulary`, or while there is none from SQL, `load`): the
/// companies ranked by size, and every place, school and classified value ranked by how many
/// records hold it. A snapshot, never changed; `VocabularyAutocomplete` replaces it when the
/// directory moves on.
final class DirectoryVocabulary: Sendable {
    /// The directory revision counted through: every change up to it is here.
    let revision: Int64
    let companies: RankedValues<CompanySuggestion>
    let locations: RankedValues<Counted<Place>>
    let schools: RankedValues<Counted<School>>
    /// Each classification's and person attribute's values (schools aside).
    let values: [ValueKind: RankedValues<Counted<Void>>]

    /// A value as counted: the key it is told apart by (`TextNormalizer.foldedKey`, for places with
    /// the places it is in), its name as first seen, what else a suggestion shows, and how many
    /// records hold it.
    typealias Counted<Extra> = (key: String, name: String, extra: Extra, count: Int)

    /// The kinds of plain values counted: what `classifications` and `person-metadata` look up.
    enum ValueKind: String, Hashable, Sendable, CaseIterable {
        case skill, headline, degree, fieldOfStudy, language, jobTitle, seniority, department, certification
        case personCity, personState, personCountry
        case industry, companyKeyword, technology

        /// Whether companies hold it (else people).
        var ofCompanies: Bool { [.industry, .companyKeyword, .technology].contains(self) }
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

    /// Ranks what `counts` holds: companies largest first (unknown size last, then by name and
    /// id), every other value most held first. What `previous` ranked from the same counts is
    /// taken as it is where no record it comes from has changed since (`VocabularyCounts.changed`);
    /// the companies are `previous`'s with the changes since laid over them.
    init(revision: Int64, counts: VocabularyCounts, reusing previous: DirectoryVocabulary? = nil) {
        let (people, companies) = (previous == nil || counts.changed.people, previous == nil || counts.changed.companies)
        self.revision = revision
        if companies {
            let kept = (previous?.companies.payloads ?? []).filter { counts.companyChanges[$0.id] == nil }
            let ranked = (kept + counts.companyChanges.values.compactMap { $0 })
                .map { (suggestion: $0, name: TextNormalizer.foldedKey($0.name)) }
                .sorted { left, right in
                    switch (left.suggestion.employeeCount, right.suggestion.employeeCount) {
                    case (let l?, let r?) where l != r: return l > r
                    case (.some, nil): return true
                    case (nil, .some): return false
                    default:
                        return left.name != right.name
                            ? left.name.utf8.lexicographicallyPrecedes(right.name.utf8) : left.suggestion.id.precedes(right.suggestion.id)
                    }
                }
            self.companies = RankedValues(ranked.map { ([$0.suggestion.name, $0.suggestion.domain ?? ""], $0.suggestion) })
        } else {
            self.companies = previous!.companies
        }
        locations = people || companies ? counts.locations.ranked() : previous!.locations
        schools = people ? counts.schools.ranked() : previous!.schools
        values = Dictionary(
            uniqueKeysWithValues: counts.values.map { kind, counter in
                (kind, (kind.ofCompanies ? companies : people) ? counter.ranked() : previous!.values[kind]!)
            })
    }

    /// Reads every company, then every person, from SQL, a page at a time (the next page is read
    /// while the previous one is counted): what answers while there is no search index.
    static func load(from database: Database, pageSize: Int = 5_000) async throws -> DirectoryVocabulary {
        let (revision, counts) = try await VocabularyCounts.read(from: database, pageSize: pageSize)
        return DirectoryVocabulary(revision: revision, counts: counts)
    }

    /// The `doc` of each row of `table`, in id order, page by page.
    fileprivate static func forEachPage(
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

/// What a vocabulary is ranked from: how many records hold each place, school and value, and the
/// companies changed since the last ranking. Records are added and removed; a changed record is
/// removed as it was and added as it is now.
///
/// A value keeps the name and extras it was first counted with while any record holds it (a
/// city's position: the first headquarters there that has one).
struct VocabularyCounts {
    /// The companies written (their suggestion) or removed (nil) since the last ranking, which
    /// keeps every company (`DirectoryVocabulary.companies`): a ranking lays these over it.
    var companyChanges: [UUID: CompanySuggestion?] = [:]
    var locations = ValueCounter<DirectoryVocabulary.Place>()
    var schools = ValueCounter<DirectoryVocabulary.School>()
    var values = Dictionary(
        uniqueKeysWithValues: DirectoryVocabulary.ValueKind.allCases.map { ($0, ValueCounter<Void>()) })

    /// Every company's and person's counts, read from SQL, and the revision read before them.
    static func read(from database: Database, pageSize: Int = 5_000) async throws -> (revision: Int64, counts: VocabularyCounts) {
        let revision = try await database.withSession { try await DirectoryRevision.current($0) }
        var counts = VocabularyCounts()
        try await DirectoryVocabulary.forEachPage(of: "companies", in: database, pageSize: pageSize) { documents in
            for document in documents { counts.add(try DirectoryDocuments.decode(Company.self, from: document)) }
        }
        try await DirectoryVocabulary.forEachPage(of: "people", in: database, pageSize: pageSize) { documents in
            for document in documents { counts.add(try DirectoryDocuments.person(document)) }
        }
        return (revision, counts)
    }

    /// Whether people or companies were counted on or off since `changed` was last reset.
    var changed = (people: false, companies: false)

    mutating func add(_ company: Company) {
        companyChanges[company.id] = CompanySuggestion(company: company)
        count(company, by: 1)
    }

    mutating func remove(_ company: Company) {
        companyChanges.updateValue(nil, forKey: company.id)
        count(company, by: -1)
    }

    /// Notes that a ranking took what changed in.
    mutating func ranked() {
        changed = (false, false)
        companyChanges = [:]
    }

    mutating func add(_ person: Person) { count(person, by: 1) }
    mutating func remove(_ person: Person) { count(person, by: -1) }

    private mutating func count(_ company: Company, by change: Int) {
        changed.companies = true
        let hq = company.headquarters
        let city = countPlace(city: hq.city, state: hq.state, country: hq.country, by: change)
        if change > 0, let city, let coordinates = company.location?.headquarter?.coordinates, coordinates.lat != nil,
            coordinates.lng != nil
        {
            locations.update(key: city) { place in
                if place.position == nil { place.position = coordinates }
            }
        }
        values[.industry]!.count([company.industry].compactMap { $0 }, by: change)
        values[.companyKeyword]!.count(company.specialties ?? [], by: change)
        values[.technology]!.count(company.technologies ?? [], by: change)
    }

    private mutating func count(_ person: Person, by change: Int) {
        changed.people = true
        countPlace(city: person.city, state: person.state, country: person.country, by: change)
        values[.personCity]!.count([person.city].compactMap { $0 }, by: change)
        values[.personState]!.count([person.state].compactMap { $0 }, by: change)
        values[.personCountry]!.count([person.country].compactMap { $0 }, by: change)
        values[.jobTitle]!.count([person.jobTitle].compactMap { $0 }, by: change)
        values[.headline]!.count([person.headline].compactMap { $0 }, by: change)
        values[.seniority]!.count([person.seniority].compactMap { $0 }, by: change)
        values[.department]!.count((person.departments ?? []) + (person.subDepartments ?? []) + (person.functions ?? []), by: change)
        values[.skill]!.count(person.skills ?? [], by: change)
        values[.certification]!.count(person.certifications ?? [], by: change)
        values[.language]!.count((person.languages ?? []).compactMap(\.language), by: change)
        let educations = person.educations ?? []
        values[.degree]!.count(educations.compactMap(\.degreeName), by: change)
        values[.fieldOfStudy]!.count(educations.compactMap(\.fieldOfStudy), by: change)
        schools.count(
            educations.compactMap { education in
                education.institution.flatMap { institution in
                    institution.name.map {
                        ($0, DirectoryVocabulary.School(id: institution.id, logo: institution.logoUrl, url: institution.linkedinUrl))
                    }
                }
            }, by: change)
    }

    /// Counts a record at its city, its state and its country, each told apart by the places it
    /// is in (`Portland, Oregon` is not `Portland, Maine`); answers the city's key, if any.
    @discardableResult
    private mutating func countPlace(city: String?, state: String?, country: String?, by change: Int) -> String? {
        func folded(_ value: String?) -> String { value.map(TextNormalizer.foldedKey) ?? "" }
        let (cityKey, stateKey, countryKey) = (folded(city), folded(state), folded(country))
        if !countryKey.isEmpty, let country {
            locations.count(
                key: "COUNTRY:\(countryKey)", name: country, extra: .init(type: .country, state: nil, country: nil), by: change)
        }
        if !stateKey.isEmpty, let state {
            locations.count(
                key: "STATE:\(countryKey)/\(stateKey)", name: state, extra: .init(type: .state, state: nil, country: country),
                by: change)
        }
        guard !cityKey.isEmpty, let city else { return nil }
        let key = "CITY:\(countryKey)/\(stateKey)/\(cityKey)"
        locations.count(key: key, name: city, extra: .init(type: .city, state: state, country: country), by: change)
        return key
    }
}
