import Foundation
import Hummingbird
import LeadbaseCore

/// The one error type that reaches the wire, rendered as the envelope of the spec:
/// `{"error": {"code": "BAD_REQUEST", "message": "…", "details": [{"path": […], "message": "…"}]}}`.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let details: [ValidationIssue]?
    /// Headers the answer carries besides the envelope's (`Allow`, `Retry-After`, `RateLimit-*`).
    public var headers: HTTPFields = [:]

    public init(status: HTTPResponse.Status, code: String, message: String, details: [ValidationIssue]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    /// The answer for a known path asked with a method it does not take.
    public static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> APIError {
        var error = APIError(status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED", message: "Method \(method) not allowed on \(path)")
        error.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return error
    }

    public static func badRequest(_ message: String, details: [ValidationIssue]? = nil) -> APIError {
        APIError(status: .badRequest, code: "BAD_REQUEST", message: message, details: details)
    }

    public static func unauthorized(_ message: String) -> APIError {
        APIError(status: .unauthorized, code: "UNAUTHORIZED", message: message)
    }

    /// A 429 with `Retry-After` and the budget's `RateLimit-*` headers.
    static func rateLimited(_ headers: HTTPFields) -> APIError {
        var error = APIError(
            status: .tooManyRequests, code: "RATE_LIMITED", message: "Too many requests; retry after the time in Retry-After")
        error.headers = headers
        return error
    }

    public static let internalError = APIError(
        status: .internalServerError, code: "INTERNAL_ERROR", message: "An unexpected error occurred"
    )

    /// The answer for a domain error.
    public init(_ error: LeadbaseError) {
        switch error {
        case .invalid(let message, let issues): self = .badRequest(message, details: issues)
        case .unauthorized(let message): self = .unauthorized(message)
        case .forbidden(let message): self.init(status: .forbidden, code: "FORBIDDEN", message: message)
        case .notFound(let message): self.init(status: .notFound, code: "NOT_FOUND", message: message)
        case .conflict(let message): self.init(status: .conflict, code: "CONFLICT", message: message)
        }
    }

    /// The answer for one of Hummingbird's own errors (unknown route, body too large, …).
    init(_ error: HTTPError, request: Request) {
        switch error.status {
        case .notFound:
            self.init(status: .notFound, code: "NOT_FOUND", message: "Route not found: \(request.method) \(request.uri.path)")
        case .contentTooLarge:
            self.init(status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "Request body is too large")
        case .badRequest:
            self = .badRequest(error.body ?? "Bad request")
        case .unauthorized:
            self = .unauthorized(error.body ?? "Unauthorized")
        case .tooManyRequests:
            self.init(status: .tooManyRequests, code: "RATE_LIMITED", message: "Too many requests")
        default:
            self = .internalError
        }
    }

    private struct Envelope: Encodable {
        struct Body: Encodable {
            let code: String
            let message: String
            let details: [ValidationIssue]?
        }
        let error: Body
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let envelope = Envelope(error: .init(code: code, message: message, details: details))
        let data = try JSONEncoder.leadbase.encode(envelope)
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="leadbase""# }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
