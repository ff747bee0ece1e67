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
        switch uri.queryParameters.get("dryRun") {
        case nil, "false": return false
        case "true": return true
        default:
            throw LeadbaseError.invalid(
                message: "Invalid query parameters",
                issues: [
                    ValidationIssue(path: ["dryRun"], message: "Must be true or false")
                ])
        }
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
