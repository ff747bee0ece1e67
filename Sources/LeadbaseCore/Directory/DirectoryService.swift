import Foundation

/// A page of a search, in the Spring-style shape the Lance API uses.
public struct Page<Item: Sendable>: Sendable {
    public let content: [Item]
    public let totalElements: Int
    public let number: Int
    public let size: Int

    public init(content: [Item], totalElements: Int, number: Int, size: Int) {
        self.content = content
        self.totalElements = totalElements
        self.number = number
        self.size = size
    }

    /// As Spring computes it: a page size of 0 makes one (empty) page.
    public var totalPages: Int { size == 0 ? 1 : (totalElements + size - 1) / size }
    public var first: Bool { number == 0 }
    public var last: Bool { number + 1 >= totalPages }
    public var numberOfElements: Int { content.count }
    public var empty: Bool { content.isEmpty }
}

/// What a search asks for: its filters and which page.
public struct SearchRequest: Sendable, Hashable {
    public var filter: SearchFilter
    public var page: Int
    public var size: Int

    public init(filter: SearchFilter = SearchFilter(), page: Int = 0, size: Int = 10) {
        self.filter = filter
        self.page = page
        self.size = size
    }

    /// The rows of this page in the search order.
    public var window: ResultWindow { ResultWindow(offset: page * size, limit: size) }
}

/// Searching and reading the global directory.
public struct DirectoryService: Sendable {
    let search: any DirectorySearch
    let store: any DirectoryStore

    public init(search: any DirectorySearch, store: any DirectoryStore) {
        self.search = search
        self.store = store
    }

    /// People search: person keys on the person, company keys on their current company.
    public func people(_ request: SearchRequest) async throws -> Page<Prospect> {
        let result = try await search.people(matching: request.filter, window: request.window)
        return Page(content: result.items, totalElements: result.total, number: request.page, size: request.size)
    }

    /// Company search, optionally narrowed to companies with one of `urls` (LinkedIn or website).
    public func companies(_ request: SearchRequest, urls: [String]) async throws -> Page<Company> {
        let keys = urls.compactMap { url -> String? in
            guard let normalized = ProfileURL.normalize(url) else { return nil }
            // A LinkedIn URL is matched whole; any other URL by its domain.
            return normalized.hasPrefix("linkedin.com/") ? normalized : ProfileURL.domain(url)
        }
        let result = try await search.companies(matching: request.filter, urls: keys, window: request.window)
        return Page(content: result.items, totalElements: result.total, number: request.page, size: request.size)
    }

    public func person(_ id: UUID) async throws -> Prospect {
        guard let prospect = try await store.person(id) else {
            throw LeadbaseError.notFound("Person not found: \(id.uuidString.lowercased())")
        }
        return prospect
    }

    public func company(_ id: UUID) async throws -> Company {
        guard let company = try await store.company(id) else {
            throw LeadbaseError.notFound("Company not found: \(id.uuidString.lowercased())")
        }
        return company
    }

    /// People whose current company is `id`. As in Lance, `size` is clamped into 1...100
    /// (default 25) and a negative `page` becomes 0, rather than refused.
    public func people(atCompany id: UUID, page: Int?, size: Int?) async throws -> Page<Prospect> {
        _ = try await company(id)
        let page = max(page ?? 0, 0)
        let size = min(max(size ?? 25, 1), 100)
        let result = try await search.people(atCompany: id, window: ResultWindow(offset: page * size, limit: size))
        return Page(content: result.items, totalElements: result.total, number: page, size: size)
    }
}
