import Foundation
import LeadbaseCore
import Logging
import Metrics
import Synchronization

/// `DirectoryAutocomplete` from a `DirectoryVocabulary` kept in memory, and people from the
/// directory search (a SMART match on the full name, so always current).
///
/// With a search index, the vocabulary is the index's (`IndexVocabulary`): its saved counts, or
/// counted from its documents, when it is opened or built, then kept in step with each change it
/// takes in. A lookup waits for the changes of the index it would search to be counted if the
/// last counting took at most `waitLimit` (a small directory: the answer is then exactly
/// current), and otherwise answers from the last ranking, as Lance's own autocomplete answers
/// from a cache.
///
/// Without an index (SQL search, or before the index has first loaded), the vocabulary is read
/// from SQL, whole, and read again when a lookup finds the directory at a newer revision, by the same
/// rule: lookups wait for the read if the last one took at most `waitLimit`, else get the
/// previous vocabulary. One read runs at a time, and a long one starts no sooner than its own
/// duration after the last one ended: during a long import the reads take at most half of a
/// core, not all of it.
public final class VocabularyAutocomplete: DirectoryAutocomplete {
    let database: Database
    let search: any DirectorySearch
    let waitLimit: Duration
    private let state = Mutex(State())
    /// What operators watch (Prometheus names, see `/metrics`).
    private let loadSeconds = Gauge(label: "leadbase_autocomplete_vocabulary_load_seconds")
    private let revisionGauge = Gauge(label: "leadbase_autocomplete_vocabulary_revision")

    /// The vocabulary read from SQL.
    private struct State {
        var vocabulary: DirectoryVocabulary?
        var building: Task<DirectoryVocabulary, any Error>?
        var lastBuild: Duration = .zero
        var lastEnded: ContinuousClock.Instant?
    }

    public init(database: Database, search: any DirectorySearch, waitLimit: Duration = .seconds(1)) {
        self.database = database
        self.search = search
        self.waitLimit = waitLimit
    }

    /// Gets the vocabulary now unless it is current (at start, so that no lookup waits for it).
    /// Cancelling it (a shutdown) stops the wait, and a read from SQL.
    public func warm() async throws {
        try await withTaskCancellationHandler {
            _ = try await vocabulary()
        } onCancel: {
            state.withLock { $0.building }?.cancel()
        }
    }

    /// The vocabulary to answer from (see the type's rule).
    func vocabulary() async throws -> DirectoryVocabulary {
        if let index = search as? IndexedDirectorySearch {
            if let snapshot = try await index.caughtUp() {
                return try await index.vocabulary.vocabulary(through: snapshot.revision, waitLimit: waitLimit)
            }
            // The index is being rebuilt (a damaged file): its last vocabulary answers meanwhile.
            if let latest = index.vocabulary.latest { return latest }
        }
        let revision = try await DirectoryRevision.current(in: database)
        let (current, lastBuild, lastEnded) = state.withLock { ($0.vocabulary, $0.lastBuild, $0.lastEnded) }
        if let current, current.revision == revision { return current }
        if let current, lastBuild > waitLimit, let lastEnded, ContinuousClock.now - lastEnded < lastBuild { return current }
        let building = state.withLock { state in
            if let building = state.building { return building }
            let building = Task { try await self.rebuild() }
            state.building = building
            return building
        }
        if let current, lastBuild > waitLimit { return current }
        return try await building.value
    }

    /// Reads a new vocabulary from SQL and puts it in place (unless a newer one got there first).
    private func rebuild() async throws -> DirectoryVocabulary {
        let started = ContinuousClock.now
        do {
            let built = try await DirectoryVocabulary.load(from: database)
            FreedMemory.release()
            let took = ContinuousClock.now - started
            state.withLock { state in
                if state.vocabulary.map({ $0.revision <= built.revision }) ?? true { state.vocabulary = built }
                state.building = nil
                state.lastBuild = took
                state.lastEnded = .now
            }
            loadSeconds.record(took.seconds)
            revisionGauge.record(built.revision)
            database.logger.info(
                "Autocomplete vocabulary loaded",
                metadata: ["companies": "\(built.companies.count)", "revision": "\(built.revision)", "took": "\(took)"])
            return built
        } catch {
            state.withLock { $0.building = nil }
            throw error
        }
    }

    public func companies(matching text: String, window: ResultWindow) async throws -> SearchResult<CompanySuggestion> {
        let found = try await vocabulary().companies.lookup(text, window: window)
        return SearchResult(items: found.items.map(\.payload), total: found.total)
    }

    public func people(matching text: String, window: ResultWindow) async throws -> SearchResult<PersonSuggestion> {
        let words = TextNormalizer.words(text, foldingAccents: true)
        let filter =
            words.isEmpty
            ? SearchFilter()
            : SearchFilter(conditions: [FilterCondition(field: .fullName, op: .anyInclude, criteria: [.text(.smart, words: words)])])
        let found = try await search.people(matching: filter, window: window)
        let items = try found.items.map { prospect in
            PersonSuggestion(
                person: try DirectoryDocuments.person(prospect.person.text),
                company: try prospect.company.map { try DirectoryDocuments.decode(Company.self, from: $0.text) })
        }
        return SearchResult(items: items, total: found.total)
    }

    public func locations(matching text: String, window: ResultWindow) async throws -> SearchResult<LocationSuggestion> {
        let found = try await vocabulary().locations.lookup(text, window: window)
        let items = found.items.map { _, place in
            let country = place.extra.type == .country ? place.name : place.extra.country
            return LocationSuggestion(
                id: place.key, type: place.extra.type, name: place.name, countryName: country,
                countryCode: country.flatMap(CountryCodes.code(of:)), stateName: place.extra.state,
                position: place.extra.position, count: place.count)
        }
        return SearchResult(items: items, total: found.total)
    }

    public func schools(matching text: String, window: ResultWindow) async throws -> SearchResult<SchoolSuggestion> {
        let found = try await vocabulary().schools.lookup(text, window: window)
        let items = found.items.map { _, school in
            SchoolSuggestion(
                id: school.extra.id ?? "SCHOOL:\(school.key)", name: school.name, logo: school.extra.logo, url: school.extra.url,
                count: school.count)
        }
        return SearchResult(items: items, total: found.total)
    }

    public func classifications(_ key: ClassificationKey, matching text: String, window: ResultWindow) async throws
        -> SearchResult<ClassificationSuggestion>
    {
        let kind: DirectoryVocabulary.ValueKind =
            switch key {
            case .skill: .skill
            case .headline: .headline
            case .degree: .degree
            case .fieldOfStudy: .fieldOfStudy
            case .language: .language
            case .industry: .industry
            case .keyword: .companyKeyword
            case .technology: .technology
            }
        let found = try await vocabulary().values[kind]!.lookup(text, window: window)
        let items = found.items.map { ClassificationSuggestion(key: key, value: $1.name, index: $0, count: $1.count) }
        return SearchResult(items: items, total: found.total)
    }

    public func counts(of attribute: PersonAttribute, matching text: String, window: ResultWindow) async throws -> [AttributeCount] {
        let vocabulary = try await vocabulary()
        let kind: DirectoryVocabulary.ValueKind
        switch attribute {
        case .school:
            return vocabulary.schools.lookup(text, window: window).items.map { AttributeCount(key: $1.name, value: $1.count) }
        case .jobTitle: kind = .jobTitle
        case .seniority: kind = .seniority
        case .department: kind = .department
        case .skill: kind = .skill
        case .certification: kind = .certification
        case .language: kind = .language
        case .degree: kind = .degree
        case .fieldOfStudy: kind = .fieldOfStudy
        case .city: kind = .personCity
        case .state: kind = .personState
        case .country: kind = .personCountry
        }
        return vocabulary.values[kind]!.lookup(text, window: window).items.map { AttributeCount(key: $1.name, value: $1.count) }
    }
}
