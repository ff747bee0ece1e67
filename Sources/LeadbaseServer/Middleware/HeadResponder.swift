import HTTPTypes
import Hummingbird

/// HEAD works wherever GET does: the request is answered as its GET, with the same status and
/// headers (and the GET body's length, when known) but no body. A path without GET answers the
/// HEAD's own 405. It wraps the whole router (a router's middleware only runs once a route, or
/// none, was chosen for the method), so error answers lose their body too.
struct HeadResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        if response.status == .methodNotAllowed { response = try await inner.respond(to: request, context: context) }
        // The GET body's length, with no bytes: what a HEAD answer says.
        response.body = ResponseBody(contentLength: response.body.contentLength) { _ in }
        return response
    }
}
