import Foundation
import Hummingbird
import HummingbirdTesting
import LeadbaseCore
import LeadbaseTestSupport

/// A helper per endpoint, so that tests read as a story.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    func request(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil,
        json: String? = nil, contentType: String = "application/json", headers extra: HTTPFields = [:]
    ) async throws -> APIResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = contentType }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
        )
        let text = String(buffer: response.body)
        let body = text.isEmpty ? nil : try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        return APIResponse(status: response.status, headers: response.headers, body: body, text: text)
    }

    // MARK: lead lists

    func createList(_ token: String?, _ json: String) async throws -> APIResponse {
        try await request(.post, "/api/v1/entities/leadlists", token: token, json: json)
    }

    /// Creates a list that must succeed and returns its id.
    func createList(_ token: String, name: String = "Q1 targets", extra: String = "") async throws -> String {
        let response = try await createList(token, #"{"name": "\#(name)"\#(extra)}"#)
        guard response.status == .created, let id = response.string("id") else {
            throw TestFailure("create list answered \(response.status): \(response.text)")
        }
        return id
    }

    func lists(_ token: String?) async throws -> APIResponse {
        try await request(.get, "/api/v1/entities/leadlists", token: token)
    }

    func list(_ token: String?, _ id: String) async throws -> APIResponse {
        try await request(.get, "/api/v1/entities/leadlists/\(id)", token: token)
    }

    func updateList(_ token: String?, _ id: String, _ json: String) async throws -> APIResponse {
        try await request(.patch, "/api/v1/entities/leadlists/\(id)", token: token, json: json)
    }

    func deleteList(_ token: String?, _ id: String) async throws -> APIResponse {
        try await request(.delete, "/api/v1/entities/leadlists/\(id)", token: token)
    }
}

extension APIClient {
    // MARK: prospects

    func searchPeople(_ token: String, _ json: String) async throws -> APIResponse {
        try await request(.post, "/api/v1/entities/prospects/person", token: token, json: json)
    }

    func searchCompanies(_ token: String, _ json: String) async throws -> APIResponse {
        try await request(.post, "/api/v1/entities/prospects/company", token: token, json: json)
    }

    /// The ids of the page's `content`, in order, for a search that must succeed.
    func peopleIDs(_ token: String, _ json: String) async throws -> [UUID] {
        let response = try await searchPeople(token, json)
        guard response.status == .ok else { throw TestFailure("search answered \(response.status): \(response.text)") }
        return contentIDs(response)
    }

    func companyIDs(_ token: String, _ json: String) async throws -> [UUID] {
        let response = try await searchCompanies(token, json)
        guard response.status == .ok else { throw TestFailure("search answered \(response.status): \(response.text)") }
        return contentIDs(response)
    }
}

/// The ids of a page's `content`.
func contentIDs(_ response: APIResponse) -> [UUID] {
    guard case .array(let items)? = response["content"] else { return [] }
    return items.compactMap { item in
        if case .object(let object) = item, case .string(let id) = object["id"] { UUID(uuidString: id) } else { nil }
    }
}

/// The ids in a JSON array of lists.
func listIDs(_ response: APIResponse) -> [String] {
    guard case .array(let lists)? = response.body else { return [] }
    return lists.compactMap { list in
        if case .object(let object) = list, case .string(let id) = object["id"] { id } else { nil }
    }
}
