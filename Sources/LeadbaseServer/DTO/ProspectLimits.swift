import LeadbaseCore

/// The largest values a direct-data prospect may carry, field by field (the README's table):
/// what a CRM would hold, and small enough that every index entry fits its database.
enum ProspectLimits {
    /// The most characters of a string under `key`: an item of `emails` is an address, of
    /// `phones` a number, a URL at most 500 (an index entry of PostgreSQL holds 2,704 bytes).
    static func maxLength(of key: String) -> Int {
        switch key {
        case "emails": 254
        case "phones": 50
        case "linkedinUrl", "socialMediaLinks", "logoUrl": 500
        case "firstName", "lastName": 200
        case "description": 10_000
        default: 1_000
        }
    }

    /// The most items of an array under `key`.
    static func maxItems(of key: String) -> Int {
        switch key {
        case "emails", "phones", "socialMediaLinks": 50
        default: 100
        }
    }

    /// Every value of `fields` (a prospect object) over its limit, with its path.
    static func issues(_ fields: [String: JSONValue], at path: [PathComponent]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        check(fields, at: path, &issues)
        if let bullhornID = fields["bullhornId"] {
            switch bullhornID {
            case .null, .number: break
            case .string(let text) where text.count <= 255: break
            default:
                issues.append(
                    ValidationIssue(path: path + ["bullhornId"], message: "Must be a number or a string of at most 255 characters"))
            }
        }
        return issues
    }

    private static func check(_ object: [String: JSONValue], at path: [PathComponent], _ issues: inout [ValidationIssue]) {
        for (key, value) in object.sorted(by: { $0.key < $1.key }) where key != "bullhornId" {
            check(value, key: key, at: path + [.key(key)], &issues)
        }
    }

    private static func check(_ value: JSONValue, key: String, at path: [PathComponent], _ issues: inout [ValidationIssue]) {
        switch value {
        case .string(let text):
            let limit = maxLength(of: key)
            if text.count > limit {
                issues.append(ValidationIssue(path: path, message: "Must be at most \(limit) characters"))
            }
        case .array(let items):
            let limit = maxItems(of: key)
            if items.count > limit {
                issues.append(ValidationIssue(path: path, message: "Must contain at most \(limit) item(s)"))
                return
            }
            for (index, item) in items.enumerated() { check(item, key: key, at: path + [.index(index)], &issues) }
        case .object(let object):
            check(object, at: path, &issues)
        case .null, .bool, .number:
            break
        }
    }
}
