import HTTPTypes
import Hummingbird
import LeadbaseCore

/// CORS for the origins the operator allows (`LEADBASE_CORS_ORIGINS`; none by default): a
/// request from an allowed origin gets `Access-Control-Allow-Origin` (and the headers a script may
/// read), and a preflight (`OPTIONS` with `Access-Control-Request-Method`) of a known path is
/// answered 204 with the path's methods and the request headers the API reads. A preflight from
/// another origin is a 403 in the envelope; other requests from it are served without CORS
/// headers, so the browser keeps their answers from the page. Credentials are tokens in
/// `Authorization`, never cookies, so no `Allow-Credentials`.
struct CrossOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: HTTPSettings.AllowedOrigins
    let routes: RouteMethods

    /// The request headers the API reads.
    static var allowedRequestHeaders: String {
        [HTTPField.Name.authorization, .contentType, .idempotencyKey, .requestID].map(\.rawName).joined(separator: ", ")
    }
    /// The response headers a script may read besides the safe-listed ones.
    static var exposedHeaders: String {
        [HTTPField.Name.requestID, .retryAfter, .rateLimitLimit, .rateLimitRemaining, .rateLimitReset, .idempotentReplayed, .allow]
            .map(\.rawName).joined(separator: ", ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], !allowed.isEmpty else { return try await next(request, context) }
        let isAllowed = allowed.allows(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            let methods = routes.methods(forPath: request.uri.path)
            guard isAllowed else {
                return try APIError(.forbidden("Origin \(origin) is not allowed")).response(from: request, context: context)
            }
            guard !methods.isEmpty else { return try await next(request, context) }
            var headers = allowOrigin(origin)
            headers[.accessControlAllowMethods] = (methods + (methods.contains(.get) ? [.head] : [])).map(\.rawValue).joined(
                separator: ", ")
            headers[.accessControlAllowHeaders] = Self.allowedRequestHeaders
            headers[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        if isAllowed {
            response.headers.append(contentsOf: allowOrigin(origin))
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        }
        return response
    }

    private func allowOrigin(_ origin: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.accessControlAllowOrigin] = allowed.isAny ? "*" : origin
        headers[.vary] = "Origin"
        return headers
    }
}
