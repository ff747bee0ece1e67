import Hummingbird
import LeadbaseCore

/// `/api/v1/entities/icps`: decode, call one service method, encode.
struct ICPController {
    let service: ICPService

    func addRoutes(to group: RouterGroup<AuthenticatedContext>, idempotent: IdempotentWrites) {
        group.get(use: index)
        group.post(use: idempotent(create))
        group.get(":id", use: show)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
    }

    @Sendable func index(_ request: Request, context: AuthenticatedContext) async throws -> [ICPResponse] {
        try await service.icps(for: context.identity).map(ICPResponse.init)
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> EditedResponse<ICPResponse> {
        let draft = try ICPRequests.draft(from: try await request.jsonBody(context: context))
        return EditedResponse(status: .created, response: ICPResponse(icp: try await service.create(draft, by: context.identity)))
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> ICPResponse {
        ICPResponse(icp: try await service.icp(try context.uuidParameter("id"), for: context.identity))
    }

    /// The body's JSON is read first (a malformed body is a 400 whatever the ICP), then the ICP
    /// is access-checked (404, 403), and only then the body validated, as for lists.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> ICPResponse {
        let id = try context.uuidParameter("id")
        let body = try await request.jsonBody(context: context)
        let icp = try await service.icp(id, for: context.identity)
        return ICPResponse(icp: try await service.update(icp, with: try ICPRequests.changes(from: body)))
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await service.delete(try context.uuidParameter("id"), by: context.identity)
        return .noContent
    }
}
