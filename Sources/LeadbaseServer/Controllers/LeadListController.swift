import HTTPTypes
import Hummingbird
import LeadbaseCore

/// `/api/v1/entities/leadlists`: decode, call one service method, encode.
struct LeadListController {
    let service: LeadListService
    let membership: MembershipService

    /// The list routes; the POSTs that write take an `Idempotency-Key` (`idempotent`).
    func addRoutes(to group: RouterGroup<AuthenticatedContext>, idempotent: IdempotentWrites) {
        group.get(use: index)
        group.post(use: idempotent(create))
        group.get(":id", use: show)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
        group.post(":id/add-prospects", use: idempotent(addProspects))
        group.post(":id/add-companies", use: idempotent(addCompanies))
        group.post(":id/remove-members", use: idempotent(removeMembers))
        group.get(":id/export", use: export)
    }

    /// `/api/v1/entities/leads`: a list's members.
    func addLeadRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.get("list/:id", use: leads)
    }

    /// The lists; with `?members=false`, without their member ids (the index then reads no member
    /// links, only counts them), which keeps it fast however large the lists are.
    @Sendable func index(_ request: Request, context: AuthenticatedContext) async throws -> [LeadListResponse] {
        guard try request.members() else {
            let lists = try await service.lists(for: context.identity, includingMembers: false)
            let counts = try await service.memberCounts(of: lists)
            return lists.map { LeadListResponse.summary($0, memberCount: counts[$0.id] ?? 0) }
        }
        return try await service.lists(for: context.identity).map { LeadListResponse(list: $0) }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> EditedResponse<LeadListResponse> {
        let draft = try LeadListRequests.draft(from: try await request.jsonBody(context: context))
        let list = try await service.create(draft, by: context.identity)
        return EditedResponse(status: .created, response: LeadListResponse(list: list))
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> LeadListResponse {
        let id = try context.uuidParameter("id")
        guard try request.members() else {
            let list = try await service.list(id, for: context.identity, includingMembers: false)
            return .summary(list, memberCount: try await service.memberCounts(of: [list])[list.id] ?? 0)
        }
        let (list, members) = try await membership.listWithMembers(id, for: context.identity)
        return LeadListResponse(list: list, members: members)
    }

    // The writes below read the body's JSON first (a malformed body is a 400 whatever the list),
    // then get the list from the service, access-checked (404, 403), and only then validate the
    // body into domain values and hand both to the service.

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> LeadListResponse {
        let id = try context.uuidParameter("id")
        let body = try await request.jsonBody(context: context)
        let usable = try await service.usableList(id, for: context.identity)
        let changes = try LeadListRequests.changes(from: body, listType: usable.list.type)
        let list = try await service.update(usable, with: changes)
        return LeadListResponse(list: list, members: try await membership.members(of: list))
    }

    @Sendable func addProspects(_ request: Request, context: AuthenticatedContext) async throws -> AddProspectsResponse {
        let id = try context.uuidParameter("id")
        let body = try await request.jsonBody(context: context)
        let list = try await membership.personList(id, for: context.identity)
        let selection = try AddProspectsRequests.selection(from: body)
        return AddProspectsResponse(try await membership.addProspects(selection, to: list, dryRun: try request.dryRun()))
    }

    @Sendable func addCompanies(_ request: Request, context: AuthenticatedContext) async throws -> LeadListResponse {
        let id = try context.uuidParameter("id")
        let body = try await request.jsonBody(context: context)
        let list = try await membership.companyList(id, for: context.identity)
        let ids = try LeadListRequests.ids("companyIds", in: body)
        let result = try await membership.addCompanies(ids, to: list, dryRun: try request.dryRun())
        return LeadListResponse(list: result.list, members: .companies(result.companies), added: (result.added, result.notFoundIDs))
    }

    struct RemovalResponse: ResponseEncodable {
        let removedCount: Int
        let notInListCount: Int
    }

    @Sendable func removeMembers(_ request: Request, context: AuthenticatedContext) async throws -> RemovalResponse {
        let id = try context.uuidParameter("id")
        let body = try await request.jsonBody(context: context)
        let list = try await service.usableList(id, for: context.identity, includingMembers: false)
        let (removed, notInList) = try await membership.removeMembers(try LeadListRequests.ids("ids", in: body), from: list)
        return RemovalResponse(removedCount: removed, notInListCount: notInList)
    }

    /// The list as CSV, streamed page by page. Access is checked before the first byte, so errors
    /// still come as the JSON envelope.
    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let list = try await service.list(try context.uuidParameter("id"), for: context.identity, includingMembers: false)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"leadlist-\(list.id.uuidString.lowercased()).csv\""
        let membership = membership
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: CSV.header(of: list.type)))
                try await membership.forEachPage(of: list) { page in try await writer.write(ByteBuffer(string: CSV.rows(page))) }
                try await writer.finish(nil)
            })
    }

    /// The members: leads (person lists) or companies (company lists), as a bare array: the whole
    /// list in the order added, or with `limit`/`after` a page in member id order, whose `Link`
    /// header names the next page when this one is full.
    @Sendable func leads(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let page = try request.memberPage()
        let list = try await service.list(try context.uuidParameter("id"), for: context.identity, includingMembers: false)
        let members =
            if let page { try await membership.members(of: list, after: page.after, limit: page.limit) } else {
                try await membership.members(of: list)
            }
        var body = ByteBuffer()
        switch members {
        case .people(let leads):
            body.writeString("[")
            for (index, lead) in leads.enumerated() {
                if index > 0 { body.writeString(",") }
                try LeadResponse.write(lead, into: &body)
            }
            body.writeString("]")
        case .companies(let companies):
            body.writeBytes(try context.responseEncoder.encode(companies))
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let page, members.count == page.limit, let last = members.lastID {
            let next =
                "/api/v1/entities/leads/list/\(list.id.uuidString.lowercased())?limit=\(page.limit)&after=\(last.uuidString.lowercased())"
            headers[.link] = "<\(next)>; rel=\"next\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await service.delete(try context.uuidParameter("id"), by: context.identity)
        return .noContent
    }
}

extension HTTPField.Name {
    /// RFC 8288: where the next page of a keyset read is.
    static let link = Self("Link")!
}
