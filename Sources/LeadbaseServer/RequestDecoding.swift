import Foundation
import Hummingbird
import LeadbaseCore
import LeadbaseJSON
import NIOCore

extension Request {
    /// The body as JSON. A missing or non-JSON content type, malformed JSON and a string with a
    /// control character (`TextRules`) are 400s, a body over the context's limit is a 413; all in
    /// the error envelope.
    func jsonBody(context: some RequestContext) async throws -> JSONValue {
        let contentType = headers[.contentType]?.lowercased() ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw APIError.badRequest("Content-Type must be application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("Request body is required") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(buffer.readableBytesView)
        } catch {
            throw APIError.badRequest("Malformed JSON")
        }
        // One rule for control characters, for every string of every body (`TextRules`).
        let issues = TextRules.controlCharacterIssues(in: value)
        guard issues.isEmpty else { throw LeadbaseError.invalidBody(issues) }
        return value
    }
}

extension Request {
    /// `?dryRun=true`: answer what the write would do now, and write nothing. Absent or `false`
    /// is a real write; any other value a 400.
    func dryRun() throws -> Bool {
        try flag("dryRun", default: false)
    }

    /// `?members=false`: a list read without its member arrays (`personIds`, `companyIds`,
    /// `persons`, `companies`), with `memberCount`. Absent or `true` reads them.
    func members() throws -> Bool {
        try flag("members", default: true)
    }

    /// A query parameter that is `true` or `false`; absent is `defaultValue`, anything else a 400.
    private func flag(_ name: String, default defaultValue: Bool) throws -> Bool {
        switch uri.queryParameters.get(name) {
        case nil: return defaultValue
        case "true": return true
        case "false": return false
        default:
            throw LeadbaseError.invalid(
                message: "Invalid query parameters", issues: [ValidationIssue(path: [.key(name)], message: "Must be true or false")])
        }
    }

    /// `?limit=` and `?after=` of a keyset read of a list's members: nil when neither is given
    /// (the whole list); `limit` is 1–1000 (default 1000), `after` a member id.
    func memberPage() throws -> (after: UUID?, limit: Int)? {
        let limitText = uri.queryParameters.get("limit")
        let afterText = uri.queryParameters.get("after")
        guard limitText != nil || afterText != nil else { return nil }
        var issues: [ValidationIssue] = []
        var limit = 1000
        if let limitText {
            if let value = Int(limitText), (1...1000).contains(value) {
                limit = value
            } else {
                issues.append(ValidationIssue(path: ["limit"], message: "Must be an integer between 1 and 1000"))
            }
        }
        var after: UUID?
        if let afterText {
            after = UUID(uuidString: afterText)
            if after == nil { issues.append(ValidationIssue(path: ["after"], message: "Invalid UUID")) }
        }
        guard issues.isEmpty else { throw LeadbaseError.invalid(message: "Invalid query parameters", issues: issues) }
        return (after, limit)
    }
}

extension RequestContext {
    /// A UUID path parameter; anything else is a 400 naming the parameter.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw LeadbaseError.invalid(
                message: "Invalid path parameter", issues: [ValidationIssue(path: [.key(name)], message: "Invalid UUID")]
            )
        }
        return id
    }
}
