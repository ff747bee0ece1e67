import Hummingbird
import LeadbaseStore
import Prometheus

/// Routes for operators: liveness, readiness, metrics and the API description. No authentication.
struct OperationsController {
    let database: Database
    let registry: PrometheusCollectorRegistry
    /// Not ready until it has loaded, when people searches use it.
    let searchIndex: IndexedDirectorySearch?

    struct Status: ResponseEncodable {
        let status: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in Status(status: "ok") }
        router.get("ready") { _, context in
            do {
                try await database.ping()
            } catch {
                context.logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                throw APIError(status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE", message: "Database unavailable")
            }
            if let searchIndex, !searchIndex.isLoaded {
                throw APIError(status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE", message: "Search index loading")
            }
            return Status(status: "ready")
        }
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.served)))
        }
    }
}
