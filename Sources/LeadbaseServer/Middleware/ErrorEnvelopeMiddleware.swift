import Hummingbird
import LeadbaseCore
import Logging
import Synchronization

/// Turns every error into the API's envelope. Errors that are not the API's own are logged with the
/// request id and answered as a bare `INTERNAL_ERROR`, so no internals leak. A path the router
/// knows, asked with a method it does not take, is a 405 with `Allow` (`RouteMethods`).
struct ErrorEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(forPath: request.uri.path)
            let answer =
                allowed.isEmpty
                ? APIError(error, request: request)
                : APIError.methodNotAllowed(request.method, path: request.uri.path, allowed: allowed)
            return try answer.response(from: request, context: context)
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

/// The methods each route path takes, read from the router once every route is on it.
final class RouteMethods: Sendable {
    struct Route: Sendable {
        let segments: [String]
        let method: HTTPRequest.Method
    }

    private let routes = Mutex<[Route]>([])

    /// Takes the router's routes (paths such as `/api/v1/entities/leadlists/{id}`).
    func load(_ router: Router<some RequestContext>) {
        let table = router.routes.map { route in
            Route(segments: route.path.description.split(separator: "/").map(String.init), method: route.method)
        }
        routes.withLock { $0 = table }
    }

    /// The methods of the routes whose pattern matches `path` (a `{name}` segment matches any).
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/").map(String.init)
        let matching: [Route] = routes.withLock { table in
            table.filter { route in
                route.segments.count == parts.count
                    && zip(route.segments, parts).allSatisfy { pattern, part in
                        pattern.hasPrefix("{") || pattern.hasPrefix(":") || pattern == part
                    }
            }
        }
        var seen = Set<String>()
        return matching.map(\.method).filter { seen.insert($0.rawValue).inserted }.sorted { $0.rawValue < $1.rawValue }
    }
}
