import HTTPTypes
import Hummingbird

/// Headers for answers that carry personal data, on every response (errors included): no cache
/// may keep them (`Cache-Control: no-store`), and no browser may guess another type for them
/// (`X-Content-Type-Options: nosniff`).
struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
