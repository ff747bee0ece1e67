import Hummingbird
import LeadbaseCore

/// `/api/v1/entities/leadlists`: decode, call one service method, encode.
struct LeadListController {
    let service: LeadListService
    let membership: MembershipService

    func addRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.get(use: index)
        group.post(use: create)
        group.get(":id", use: show)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
        group.post(":id/add-prospects", use: addProspects)
    }

    @Sendable func index(_ request: Request, context: AuthenticatedContext) async throws -> [LeadListResponse] {
        try await service.lists(for: context.identity).map { LeadListResponse(list: $0, includeMembers: false) }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> EditedResponse<LeadListResponse> {
        let draft = try LeadListRequests.draft(from: try await request.jsonBody(context: context))
        let list = try await service.create(draft, by: context.identity)
        return EditedResponse(status: .created, response: LeadListResponse(list: list, includeMembers: false))
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> LeadListResponse {
        let list = try await service.list(try context.uuidParameter("id"), for: context.identity)
        return LeadListResponse(list: list, includeMembers: true)
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> LeadListResponse {
        let id = try context.uuidParameter("id")
        let body = try await request.jsonBody(context: context)
        let list = try await service.update(id, by: context.identity) { type in
            try LeadListRequests.changes(from: body, listType: type)
        }
        return LeadListResponse(list: list, includeMembers: true)
    }

    @Sendable func addProspects(_ request: Request, context: AuthenticatedContext) async throws -> AddProspectsResponse {
        let id = try context.uuidParameter("id")
        let body = try await request.jsonBody(context: context)
        let result = try await membership.addProspects(to: id, by: context.identity) {
            try AddProspectsRequests.selection(from: body)
        }
        return AddProspectsResponse(result)
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await service.delete(try context.uuidParameter("id"), by: context.identity)
        return .noContent
    }
}
