import Foundation
import Hummingbird
import LeadbaseCore
import LeadbaseJSON

/// Reads the add-prospects body: `{"prospects": [Person…]}` (direct data) or `{"selection": {…}}`
/// (manual or bulk), reporting every failing field with its path.
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
        case (.some(let prospects), nil):
            if let people = Self.prospects(prospects, &validator) {
                try validator.validate()
                return .direct(people)
            }
        case (nil, .some(let selection)):
            if let parsed = Self.selection(selection, &validator) {
                try validator.validate()
                return parsed
            }
        }
        try validator.validate()
        throw LeadbaseError.invalidBody([ValidationIssue(path: ["selection"], message: "Invalid selection")])
    }

    /// A list field's shape; its lengths are `ProspectLimits`'.
    static let strings = Parser<[String]>.array(of: .string)

    /// 1...1000 person objects: `firstName`, `lastName` required; `id` an optional UUID; the list
    /// fields lists of strings; every other field of the Person shape with its own type; every
    /// value within `ProspectLimits`.
    static func prospects(_ value: JSONValue, _ validator: inout Validator) -> [DirectProspect]? {
        guard case .array(let items) = value else {
            validator.fail(["prospects"], "Expected array, received \(value.typeName)")
            return nil
        }
        guard (1...maxIDs).contains(items.count) else {
            validator.fail(["prospects"], items.isEmpty ? "Must contain at least 1 item(s)" : "Must contain at most \(maxIDs) item(s)")
            return nil
        }
        var people: [DirectProspect] = []
        for (index, item) in items.enumerated() {
            let path: [PathComponent] = ["prospects", .index(index)]
            guard case .object(var fields) = item else {
                validator.fail(path, "Expected object, received \(item.typeName)")
                continue
            }
            let before = validator.issues.count
            _ = validator.field("firstName", of: fields, at: path, Parser<String>.text(maxLength: 200), required: true)
            _ = validator.field("lastName", of: fields, at: path, Parser<String>.text(maxLength: 200), required: true)
            let id = validator.field("id", of: fields, at: path, .uuid)
            for key in ["emails", "phones", "departments", "functions"] {
                _ = validator.field(key, of: fields, at: path, strings)
            }
            for issue in ProspectLimits.issues(fields, at: path) where !validator.issues.contains(issue) {
                validator.fail(issue.path, issue.message)
            }
            let attributeChanges = Self.attributeChanges(fields, at: path, &validator)
            guard validator.issues.count == before else { continue }
            for key in ["createdAt", "updatedAt"] + Self.attributeKeys { fields[key] = nil }
            var decodable = fields
            decodable["id"] = .string((id.value ?? UUID()).uuidString)
            do {
                let person = try JSONValue.object(decodable).decode(Person.self)
                people.append(DirectProspect(fields: fields, person: person, hasID: id.value != nil, attributeChanges: attributeChanges))
            } catch let error as DecodingError {
                validator.fail(path + Self.path(of: error), "Invalid value for the Person field")
            } catch {
                validator.fail(path, "Invalid person")
            }
        }
        return validator.issues.isEmpty ? people : nil
    }

    /// The lead attributes a prospect may set beside the person's fields; not part of the person.
    static let attributeKeys = ["leadOwnerId", "consentStatus", "consentSource", "consentUpdatedAt"]

    /// `leadOwnerId` (a user id, as in a list's `userIds`, or `null`: unassigned),
    /// `consentStatus` (never `null`), `consentSource` (free text within `ProspectLimits`, or
    /// `null`), `consentUpdatedAt` (ISO-8601 or `null`).
    static func attributeChanges(
        _ fields: [String: JSONValue], at path: [PathComponent], _ validator: inout Validator
    ) -> LeadAttributeChanges {
        let owner = validator.field("leadOwnerId", of: fields, at: path, LeadListRequests.userID)
        let status = validator.field("consentStatus", of: fields, at: path, Parser<ConsentStatus>.oneOf)
        if case .null = status { validator.fail(path + ["consentStatus"], "Must not be null") }
        let source = validator.field("consentSource", of: fields, at: path, Parser<String>.string)
        let updatedAt = validator.field("consentUpdatedAt", of: fields, at: path, .iso8601)
        return LeadAttributeChanges(
            ownerID: owner.change, consentStatus: status.value, consentSource: source.change, consentUpdatedAt: updatedAt.change)
    }

    static func path(of error: DecodingError) -> [PathComponent] {
        let codingPath: [any CodingKey] =
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context.codingPath
            case .keyNotFound(let key, let context): context.codingPath + [key]
            @unknown default: []
            }
        return codingPath.map { $0.intValue.map(PathComponent.index) ?? .key($0.stringValue) }
    }

    static func selection(_ value: JSONValue, _ validator: inout Validator) -> ProspectSelection? {
        guard case .object(let selection) = value else {
            validator.fail(["selection"], "Expected object, received \(value.typeName)")
            return nil
        }
        let path: [PathComponent] = ["selection"]
        let mode = validator.field(
            "mode", of: selection, at: path,
            Parser<String>.string.check("Must be one of: manual, bulk") {
                $0 == "manual" || $0 == "bulk"
            }, required: true)
        let excluded = Set(validator.field("excludedIds", of: selection, at: path, excludedIDs).value ?? [])
        switch mode.value {
        case "manual":
            let included = validator.field("includedIds", of: selection, at: path, ids, required: true)
            guard let included = included.value, validator.issues.isEmpty else { return nil }
            return .manual(included: included, excluded: excluded)
        case "bulk":
            let start = validator.field(
                "startIndex", of: selection, at: path,
                Parser<Int>.integer.check(
                    "Must be between 0 and \(maxStartIndex)"
                ) { (0...maxStartIndex).contains($0) }, required: true)
            let count = validator.field(
                "targetCount", of: selection, at: path,
                Parser<Int>.integer.check(
                    "Must be between 1 and \(maxIDs)"
                ) { (1...maxIDs).contains($0) }, required: true)
            var filter = SearchFilter()
            if case .value(let filters) = validator.field("filters", of: selection, at: path, .object, required: true) {
                let filtersPath = path + ["filters"]
                for key in filters.keys where !["account", "contact", "page", "size"].contains(key) {
                    validator.fail(filtersPath + [.key(key)], "Unknown field; expected account, contact, page, size")
                }
                // page and size are read for validity only: they do not move the window.
                _ = SearchRequests.page(filters, at: filtersPath, &validator)
                filter = FilterParser.filter(in: filters, at: filtersPath, &validator)
            }
            guard let start = start.value, let count = count.value, validator.issues.isEmpty else { return nil }
            return .bulk(start: start, count: count, excluded: excluded, filter: filter)
        default:
            return nil
        }
    }
}

/// `{"addedCount": n, …}`: the Lance field, plus how every other input was accounted for and the
/// ids involved: those added (in input order), and for direct data each prospect's record.
/// Written straight into the body: a bulk add's lists run to 1000 ids, and `JSONEncoder` with
/// `uuidString` took ~2 ms of one (perf).
struct AddProspectsResponse: ResponseGenerator {
    let result: AddProspectsResult

    init(_ result: AddProspectsResult) {
        self.result = result
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let ids = result.addedIDs.count + result.notFoundIDs.count + result.inaccessibleIDs.count + (result.prospectIDs?.count ?? 0)
        var body = ByteBuffer()
        body.reserveCapacity(256 + 39 * ids)
        body.writeString(#"{"addedCount":\#(result.added),"addedIds":"#)
        Self.write(result.addedIDs, to: &body)
        body.writeString(
            #","alreadyInListCount":\#(result.alreadyInList),"excludedCount":\#(result.excluded),"notFoundCount":\#(result.notFoundIDs.count),"notFoundIds":"#
        )
        Self.write(result.notFoundIDs, to: &body)
        body.writeString(#","inaccessibleCount":\#(result.inaccessibleIDs.count),"inaccessibleIds":"#)
        Self.write(result.inaccessibleIDs, to: &body)
        body.writeString(#","prospectIds":"#)
        if let prospects = result.prospectIDs { Self.write(prospects, to: &body) } else { body.writeString("null") }  // a selection
        body.writeString("}")
        return .json(body)
    }

    /// A JSON array of the ids in lower case (which needs no escape).
    private static func write(_ ids: [UUID], to body: inout ByteBuffer) {
        body.writeString("[")
        for (index, id) in ids.enumerated() {
            body.writeString(index == 0 ? "\"" : ",\"")
            body.writeBytes(id.lowercasedText)
            body.writeString("\"")
        }
        body.writeString("]")
    }
}
