import Hummingbird
import LeadbaseCore
import Logging

/// Turns every error into the API's envelope. Errors that are not the API's own are logged with the
/// request id and answered as a bare `INTERNAL_ERROR`, so no internals leak.
struct ErrorEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.apiError(for: error, request: request, logger: context.logger).response(from: request, context: context)
        }
    }

    static func apiError(for error: any Error, request: Request, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as LeadbaseError:
            return APIError(error)
        case let error as HTTPError:
            return APIError(error, request: request)
        default:
            logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return .internalError
        }
    }
}
