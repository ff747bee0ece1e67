import Hummingbird
import LeadbaseCore

/// `/api/v1/operations/autocomplete`: type-ahead over the global directory (see
/// `DirectoryAutocomplete` for the matching rule and the orders). Every route but
/// `person-metadata` answers the page envelope.
struct AutocompleteController {
    let autocomplete: any DirectoryAutocomplete

    /// The longest `search` text: a type-ahead box's, with room to spare.
    static let maxSearchLength = 200

    func addRoutes(to group: RouterGroup<AuthenticatedContext>) {
        let autocomplete = autocomplete
        lookup("companies", in: group, defaultSize: 10, autocomplete.companies)
        lookup("people", in: group, defaultSize: 10, autocomplete.people)
        lookup("locations", in: group, defaultSize: 25, autocomplete.locations)
        lookup("schools", in: group, defaultSize: 10, autocomplete.schools)
        group.get("classifications") { request, _ in
            var query = AutocompleteQuery(request, defaultSize: 25, textParameter: "value")
            let key: ClassificationKey? = query.choice("key", required: true)
            let group: ClassificationGroup? = query.choice("group")
            if let key, let group, key.group != group { query.issue("group", "\(key.rawValue) is a \(key.group.rawValue) classification") }
            try query.check()
            return PageResponse(
                page: query.page(try await autocomplete.classifications(key!, matching: query.search, window: query.window)))
        }
        group.get("person-metadata") { request, _ in
            var query = AutocompleteQuery(request, defaultSize: 25)
            let attribute: PersonAttribute? = query.choice("key")
            try query.check()
            return try await autocomplete.counts(of: attribute ?? .jobTitle, matching: query.search, window: query.window)
        }
    }

    /// A route whose query is the text, `page` and `size` alone, answering a page.
    private func lookup<Item: Encodable & Sendable>(
        _ path: RouterPath, in group: RouterGroup<AuthenticatedContext>, defaultSize: Int,
        _ find: @escaping @Sendable (String, ResultWindow) async throws -> SearchResult<Item>
    ) {
        group.get(path) { request, _ in
            let query = AutocompleteQuery(request, defaultSize: defaultSize)
            try query.check()
            return PageResponse(page: query.page(try await find(query.search, query.window)))
        }
    }
}

extension AttributeCount: ResponseEncodable {}

/// The query of an autocomplete route: the text typed (`search`, or `value` for
/// classifications), `page` (≥ 0, default 0) and `size` (0–100), and the route's own choices.
/// Anything out of bounds is one 400 naming every wrong parameter (`check()`).
private struct AutocompleteQuery {
    let request: Request
    var search = ""
    var pageNumber = 0
    var size: Int
    private var issues: [ValidationIssue] = []

    init(_ request: Request, defaultSize: Int, textParameter: String = "search") {
        self.request = request
        size = defaultSize  // every property set, so that `integer` (mutating) may run
        pageNumber = integer("page", in: 0...SearchRequests.maxPage) ?? 0
        size = integer("size", in: 0...100) ?? defaultSize
        search = request.uri.queryParameters.get(textParameter) ?? ""
        if search.unicodeScalars.count > AutocompleteController.maxSearchLength {
            issue(textParameter, "Must be at most \(AutocompleteController.maxSearchLength) characters")
        } else if TextRules.hasControlCharacter(search) {
            issue(textParameter, TextRules.controlCharacterMessage)
        }
    }

    private mutating func integer(_ name: String, in bounds: ClosedRange<Int>) -> Int? {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        guard let number = Int(text), bounds.contains(number) else {
            issue(name, "Must be an integer between \(bounds.lowerBound) and \(bounds.upperBound)")
            return nil
        }
        return number
    }

    /// One of `Choice`'s values, named by the parameter `name`.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, required: Bool = false) -> Choice?
    where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text = request.uri.queryParameters.get(name) else {
            if required { issue(name, "Required: one of \(names)") }
            return nil
        }
        guard let value = Choice(rawValue: text) else {
            issue(name, "Must be one of \(names)")
            return nil
        }
        return value
    }

    mutating func issue(_ name: String, _ message: String) {
        issues.append(ValidationIssue(path: [.key(name)], message: message))
    }

    func check() throws {
        guard issues.isEmpty else { throw LeadbaseError.invalid(message: "Invalid query parameters", issues: issues) }
    }

    var window: ResultWindow { ResultWindow(offset: pageNumber * size, limit: size) }

    func page<Item>(_ result: SearchResult<Item>) -> Page<Item> {
        Page(content: result.items, totalElements: result.total, number: pageNumber, size: size)
    }
}
