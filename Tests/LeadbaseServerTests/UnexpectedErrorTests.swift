import Foundation
import Hummingbird
import HummingbirdTesting
import LeadbaseCore
import LeadbaseStore
import Testing

@testable import LeadbaseServer

@Suite("Unexpected errors")
struct UnexpectedErrorTests {
    struct DatabaseExploded: Error {
        let secret = "password=hunter2 at db.internal:5432"
    }

    @Test("an unexpected error is a bare 500 INTERNAL_ERROR that leaks nothing")
    func internalError() async throws {
        let router = Router(context: AppRequestContext.self)
        router.addMiddleware {
            RequestLogMiddleware(maxBodySize: 1024)
            ErrorEnvelopeMiddleware(routes: RouteMethods())
        }
        router.get("boom") { _, _ -> String in throw DatabaseExploded() }
        let app = Application(router: router)
        try await app.test(.router) { client in
            let response = try await APIClient(client: client).request(.get, "/boom")
            #expect(response.status == .internalServerError)
            #expect(response.text == #"{"error":{"code":"INTERNAL_ERROR","message":"An unexpected error occurred"}}"#)
            #expect(response.headers[.init("X-Request-Id")!] != nil)
        }
    }
}
