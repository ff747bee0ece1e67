import Foundation
import LeadbaseCore
import LeadbaseJSON

/// Reads search bodies: `{page, size, account, contact}` (people) and `{page, size, account, url}`
/// (companies), reporting every failing part with its path. The server and `leadbase explain`
/// read bodies through here.
public enum SearchRequests {
    /// Pages beyond this would only ever be empty; refusing them keeps offsets far from overflow.
    public static let maxPage = 10_000_000

    public static func people(from body: JSONValue) throws -> SearchRequest {
        let object = try Validator.object(body)
        var validator = Validator()
        var request = page(object, &validator)
        for key in object.keys where !["page", "size", "account", "contact"].contains(key) {
            validator.fail([.key(key)], "Unknown field; expected page, size, account, contact")
        }
        request.filter = FilterParser.filter(in: object, &validator)
        try validator.validate()
        return request
    }

    public static func companies(from body: JSONValue) throws -> (SearchRequest, urls: [String]) {
        let object = try Validator.object(body)
        var validator = Validator()
        var request = page(object, &validator)
        for key in object.keys where !["page", "size", "account", "url"].contains(key) {
            validator.fail([.key(key)], "Unknown field; expected page, size, account, url")
        }
        request.filter = FilterParser.filter(in: object, people: false, &validator)
        let url = Parser<String>.identifier(maxLength: 500).check("Invalid URL") { ProfileURL.normalize($0) != nil }
        let urls = validator.field("url", of: object, .array(of: url, count: 0...100))
        try validator.validate()
        return (request, urls.value ?? [])
    }

    /// `page` ≥ 0 (default 0) and `size` 0...100 (default 10); outside is a 400, not a clamp.
    public static func page(_ object: [String: JSONValue], at path: [PathComponent] = [], _ validator: inout Validator) -> SearchRequest {
        let page = validator.field(
            "page", of: object, at: path,
            Parser<Int>.integer.check("Must be between 0 and \(maxPage)") {
                (0...maxPage).contains($0)
            })
        let size = validator.field(
            "size", of: object, at: path,
            Parser<Int>.integer.check("Must be between 0 and 100") {
                (0...100).contains($0)
            })
        return SearchRequest(page: page.value ?? 0, size: size.value ?? 10)
    }
}
