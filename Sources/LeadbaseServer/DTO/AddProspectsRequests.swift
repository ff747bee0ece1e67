import Foundation
import Hummingbird
import LeadbaseCore

/// Reads the add-prospects body: `{"selection": {…}}` (manual or bulk). Direct `prospects` data is
/// recognized but not supported yet, and says so.
enum AddProspectsRequests {
    static let maxIDs = 1000
    static let maxStartIndex = 10_000_000
    static let ids = Parser<[UUID]>.array(of: .uuid, count: 1...maxIDs)
    static let excludedIDs = Parser<[UUID]>.array(of: .uuid, count: 0...10_000)

    static func selection(from body: JSONValue) throws -> ProspectSelection {
        let object = try Validator.object(body)
        var validator = Validator()
        switch (object["prospects"], object["selection"]) {
        case (nil, nil):
            validator.fail([], "Provide either prospects or selection")
        case (.some, .some):
            validator.fail([], "Provide either prospects or selection, not both")
        case (.some, nil):
            validator.fail(["prospects"], "Adding direct prospect data is not supported yet; use selection")
        case (nil, .some(let selection)):
            if let parsed = Self.selection(selection, &validator) {
                try validator.validate()
                return parsed
            }
        }
        try validator.validate()
        throw LeadbaseError.invalidBody([ValidationIssue(path: ["selection"], message: "Invalid selection")])
    }

    static func selection(_ value: JSONValue, _ validator: inout Validator) -> ProspectSelection? {
        guard case .object(let selection) = value else {
            validator.fail(["selection"], "Expected object, received \(value.typeName)")
            return nil
        }
        let path: [PathComponent] = ["selection"]
        let mode = validator.field("mode", of: selection, at: path, Parser<String>.string.check("Must be one of: manual, bulk") {
            $0 == "manual" || $0 == "bulk"
        }, required: true)
        let excluded = Set(validator.field("excludedIds", of: selection, at: path, excludedIDs).value ?? [])
        switch mode.value {
        case "manual":
            let included = validator.field("includedIds", of: selection, at: path, ids, required: true)
            guard let included = included.value, validator.issues.isEmpty else { return nil }
            return .manual(included: included, excluded: excluded)
        case "bulk":
            let start = validator.field("startIndex", of: selection, at: path, Parser<Int>.integer.check(
                "Must be between 0 and \(maxStartIndex)") { (0...maxStartIndex).contains($0) }, required: true)
            let count = validator.field("targetCount", of: selection, at: path, Parser<Int>.integer.check(
                "Must be between 1 and \(maxIDs)") { (1...maxIDs).contains($0) }, required: true)
            var filter = SearchFilter()
            if case .value(let filters) = validator.field("filters", of: selection, at: path, .object, required: true) {
                let filtersPath = path + ["filters"]
                for key in filters.keys where !["account", "contact", "page", "size"].contains(key) {
                    validator.fail(filtersPath + [.key(key)], "Unknown field; expected account, contact, page, size")
                }
                // page and size are read for validity only: they do not move the window.
                _ = SearchRequests.page(filters, at: filtersPath, &validator)
                if let contact = filters["contact"] { FilterParser.contact(contact, at: filtersPath + ["contact"], into: &filter, &validator) }
                if let account = filters["account"] { FilterParser.account(account, at: filtersPath + ["account"], into: &filter, &validator) }
            }
            guard let start = start.value, let count = count.value, validator.issues.isEmpty else { return nil }
            return .bulk(start: start, count: count, excluded: excluded, filter: filter)
        default:
            return nil
        }
    }
}

/// `{"addedCount": n, …}`: the Lance field, plus how every other input was accounted for.
struct AddProspectsResponse: ResponseEncodable {
    let addedCount: Int
    let alreadyInListCount: Int
    let excludedCount: Int
    let notFoundCount: Int
    let notFoundIds: [String]

    init(_ result: AddProspectsResult) {
        addedCount = result.added
        alreadyInListCount = result.alreadyInList
        excludedCount = result.excluded
        notFoundCount = result.notFoundIDs.count
        notFoundIds = result.notFoundIDs.map { $0.uuidString.lowercased() }
    }
}
