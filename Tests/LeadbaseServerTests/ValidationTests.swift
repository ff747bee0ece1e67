import Foundation
import Hummingbird
import LeadbaseCore
import Testing

@Suite("Validation and the error envelope")
struct ValidationTests {
    @Test("every failing field is listed at once, with its path")
    func everyField() async throws {
        try await withTestApp { api, tenant, _ in
            let response = try await api.createList(
                tenant.alice.token,
                """
                {"name": "   ", "type": "people", "icpId": "nope", "startDate": "yesterday", "endDate": 5,
                 "userIds": ["ok", "", 7], "personIds": ["x"]}
                """)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BAD_REQUEST")
            #expect(response.errorMessage == "Invalid request body")
            #expect(
                Set(response.details) == [
                    ValidationIssue(path: ["name"], message: "Must not be empty"),
                    ValidationIssue(path: ["type"], message: "Must be one of: person, company"),
                    ValidationIssue(path: ["icpId"], message: "Invalid UUID"),
                    ValidationIssue(path: ["startDate"], message: "Expected an ISO-8601 date or date-time"),
                    ValidationIssue(path: ["endDate"], message: "Expected string, received number"),
                    ValidationIssue(path: ["userIds", 1], message: "Must not be empty"),
                    ValidationIssue(path: ["userIds", 2], message: "Expected string, received number"),
                    ValidationIssue(path: ["personIds", 0], message: "Invalid UUID"),
                ])
            #expect(listIDs(try await api.lists(tenant.admin.token)) == [], "a failed request changes nothing")
        }
    }

    @Test("dates are of the years 1583–9999 (earlier ones Foundation reads as Julian) with offsets of at most 18 hours")
    func dateRange() async throws {
        try await withTestApp { api, tenant, _ in
            let refused = try await api.createList(
                tenant.alice.token,
                #"{"name": "Old", "startDate": "0127-04-03T01:22:06+01:00", "endDate": "2020-04-03T01:22:06.6+22:20"}"#)
            #expect(
                Set(refused.details) == [
                    ValidationIssue(path: ["endDate"], message: "Expected an ISO-8601 date or date-time"),
                    ValidationIssue(path: ["startDate"], message: "Expected an ISO-8601 date or date-time"),
                ])
            let kept = try await api.createList(
                tenant.alice.token,
                #"{"name": "Edges", "startDate": "1583-01-01", "endDate": "9999-12-31T23:00:00-18:00"}"#)
            #expect(kept.status == .created)
            #expect(kept.string("startDate") == "1583-01-01T00:00:00.000Z", "read and written back as the same day")
        }
    }

    @Test("a missing or null name is Required; end before start is reported with the other fields")
    func requiredAndDateOrder() async throws {
        try await withTestApp { api, tenant, _ in
            let missing = try await api.createList(tenant.alice.token, #"{"startDate": "2026-02-01", "endDate": "2026-01-01"}"#)
            #expect(
                missing.details == [
                    ValidationIssue(path: ["name"], message: "Required"),
                    ValidationIssue(path: ["endDate"], message: "Must not be before startDate"),
                ])
            let null = try await api.createList(tenant.alice.token, #"{"name": null}"#)
            #expect(null.details == [ValidationIssue(path: ["name"], message: "Required")])
            let long = try await api.createList(tenant.alice.token, #"{"name": "\#(String(repeating: "a", count: 201))"}"#)
            #expect(long.details == [ValidationIssue(path: ["name"], message: "Must be at most 200 characters")])
        }
    }

    @Test("an access list over 1000 users is refused; exactly 1000 is accepted")
    func userLimit() async throws {
        try await withTestApp { api, tenant, _ in
            func users(_ count: Int) -> String { (0..<count).map { #""u\#($0)""# }.joined(separator: ",") }
            let tooMany = try await api.createList(tenant.alice.token, #"{"name": "x", "userIds": [\#(users(1001))]}"#)
            #expect(tooMany.details == [ValidationIssue(path: ["userIds"], message: "Must contain at most 1000 item(s)")])
            let limit = try await api.createList(tenant.alice.token, #"{"name": "x", "userIds": [\#(users(1000))]}"#)
            #expect(limit.status == .created)
            #expect(limit.strings("userIds")?.count == 1001, "the creator is added")
        }
    }

    @Test("malformed JSON, a body that is not an object, a wrong or missing content type and an empty body are 400")
    func malformedBodies() async throws {
        try await withTestApp { api, tenant, _ in
            let malformed = try await api.createList(tenant.alice.token, #"{"name": "#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.text == #"{"error":{"code":"BAD_REQUEST","message":"Malformed JSON"}}"#)

            let array = try await api.createList(tenant.alice.token, "[]")
            #expect(array.details == [ValidationIssue(path: [], message: "Expected object, received array")])

            let text = try await api.request(
                .post, "/api/v1/entities/leadlists", token: tenant.alice.token,
                json: #"{"name": "x"}"#, contentType: "text/plain")
            #expect(text.status == .badRequest)
            #expect(text.errorMessage == "Content-Type must be application/json")

            let charset = try await api.request(
                .post, "/api/v1/entities/leadlists", token: tenant.alice.token,
                json: #"{"name": "x"}"#, contentType: "application/json; charset=utf-8")
            #expect(charset.status == .created)

            let empty = try await api.createList(tenant.alice.token, "")
            #expect(empty.errorMessage == "Request body is required")
        }
    }

    @Test("a path id that is not a UUID is 400 naming the parameter")
    func pathID() async throws {
        try await withTestApp { api, tenant, _ in
            for response in [
                try await api.list(tenant.alice.token, "lead_abc123"),
                try await api.updateList(tenant.alice.token, "123", #"{"name": "x"}"#),
                try await api.deleteList(tenant.alice.token, "not-a-uuid"),
            ] {
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "BAD_REQUEST")
                #expect(response.details == [ValidationIssue(path: ["id"], message: "Invalid UUID")])
            }
        }
    }

    @Test("a body over the configured limit is 413 PAYLOAD_TOO_LARGE")
    func payloadTooLarge() async throws {
        try await withTestApp(configure: { $0.http.maxBodySize = 1024 }) { api, tenant, _ in
            let response = try await api.createList(tenant.alice.token, #"{"name": "\#(String(repeating: "a", count: 2000))"}"#)
            #expect(response.status == .contentTooLarge)
            #expect(response.text == #"{"error":{"code":"PAYLOAD_TOO_LARGE","message":"Request body is too large"}}"#)
        }
    }

    @Test("an unknown route is 404 in the envelope, with or without authentication")
    func unknownRoute() async throws {
        try await withTestApp { api, tenant, _ in
            let outside = try await api.request(.get, "/nowhere")
            #expect(outside.status == .notFound)
            #expect(outside.text == #"{"error":{"code":"NOT_FOUND","message":"Route not found: GET /nowhere"}}"#)
            let inside = try await api.request(.get, "/api/v1/entities/nothing", token: tenant.alice.token)
            #expect(inside.status == .notFound)
            #expect(inside.errorCode == "NOT_FOUND")
        }
    }
}
