import Hummingbird
import LeadbaseCore
import LeadbaseJSON

/// `/api/v1/entities/prospects`: search and read the global directory.
struct ProspectController {
    let service: DirectoryService

    func addRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("person", use: searchPeople)
        group.get("person/:id", use: person)
        group.post("company", use: searchCompanies)
        group.get("company/:id", use: company)
        group.get("company/:id/people/search", use: peopleAtCompany)
    }

    @Sendable func searchPeople(_ request: Request, context: AuthenticatedContext) async throws -> ProspectPageResponse {
        let search = try SearchRequests.people(from: try await request.jsonBody(context: context))
        return ProspectPageResponse(page: try await service.people(search))
    }

    @Sendable func person(_ request: Request, context: AuthenticatedContext) async throws -> ProspectResponse {
        ProspectResponse(prospect: try await service.person(try context.uuidParameter("id")))
    }

    @Sendable func searchCompanies(_ request: Request, context: AuthenticatedContext) async throws -> PageResponse<Company> {
        let (search, urls) = try SearchRequests.companies(from: try await request.jsonBody(context: context))
        return PageResponse(page: try await service.companies(search, urls: urls))
    }

    @Sendable func company(_ request: Request, context: AuthenticatedContext) async throws -> Company {
        try await service.company(try context.uuidParameter("id"))
    }

    /// `page` and `size` are clamped, not refused (see `DirectoryService.people(atCompany:)`);
    /// a value that is not a number is still a 400.
    @Sendable func peopleAtCompany(_ request: Request, context: AuthenticatedContext) async throws -> ProspectPageResponse {
        let id = try context.uuidParameter("id")
        var issues: [ValidationIssue] = []
        func integer(_ name: String) -> Int? {
            guard let text = request.uri.queryParameters.get(name) else { return nil }
            guard let value = Int(text), value.magnitude <= Parser<Int>.maxMagnitude.magnitude else {
                issues.append(ValidationIssue(path: [.key(name)], message: "Expected integer, received '\(text)'"))
                return nil
            }
            return min(max(value, Int(Int32.min)), SearchRequests.maxPage)
        }
        let page = integer("page")
        let size = integer("size")
        if !issues.isEmpty { throw LeadbaseError.invalid(message: "Invalid query parameters", issues: issues) }
        return ProspectPageResponse(page: try await service.people(atCompany: id, page: page, size: size))
    }
}
