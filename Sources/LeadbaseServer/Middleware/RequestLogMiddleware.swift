import Foundation
import HTTPTypes
import Hummingbird
import LeadbaseStore
import Logging

/// Gives each request an id (the caller's `X-Request-Id` when it is sane, else a new one), puts it
/// in the request logger and the response, and writes one structured log line per request. The
/// SQL the request causes is logged with the same logger (`Database.requestLogger`).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let maxBodySize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = Self.requestID(from: request)
        context.maxBodySize = maxBodySize
        context.logger[metadataKey: "hb.request.id"] = nil
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        let start = ContinuousClock.now
        var status = HTTPResponse.Status.internalServerError
        defer {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info(
                "request",
                metadata: [
                    "method": .string(request.method.rawValue),
                    "path": .string(request.uri.path),
                    "status": .stringConvertible(status.code),
                    "duration_ms": .string(String(format: "%.2f", milliseconds)),
                ])
        }
        let served = context
        var response = try await Database.$requestLogger.withValue(served.logger) { try await next(request, served) }
        status = response.status
        response.headers[.requestID] = context.requestID
        return response
    }

    static func requestID(from request: Request) -> String {
        if let given = request.headers[.requestID], (1...128).contains(given.count),
            given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        {
            return given
        }
        return UUID().uuidString.lowercased()
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}
