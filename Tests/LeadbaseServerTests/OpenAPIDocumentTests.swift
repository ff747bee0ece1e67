import Foundation
import Hummingbird
import LeadbaseCore
import LeadbaseJSON
import LeadbaseStore
import LeadbaseTestSupport
import Testing

@testable import LeadbaseServer

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// (method, path) of every operation in the document.
    static func documentedOperations() throws -> Set<String> {
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(OpenAPIDocument.served.utf8))
        guard case .object(let root) = document, case .object(let paths)? = root["paths"] else {
            throw TestFailure("no paths in the document")
        }
        var operations: Set<String> = []
        for (path, item) in paths {
            guard case .object(let methods) = item else { continue }
            for method in methods.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    @Test("the document names exactly the routes the router serves")
    func routesMatch() async throws {
        let configuration = try await TestEnvironment.configuration()
        let routed = try await TestEnvironment.withDatabase(configuration) { database in
            let router = try await buildRouter(configuration, database: database)
            return Set(
                router.routes.map { route in
                    let path = route.path.description.split(separator: "/").map { part in
                        part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                    }
                    return "\(route.method.rawValue) /" + path.joined(separator: "/")
                })
        }
        let documented = try Self.documentedOperations()
        #expect(routed.subtracting(documented).isEmpty, "routes missing from the document")
        #expect(documented.subtracting(routed).isEmpty, "documented operations with no route")
        #expect(routed.contains("PATCH /api/v1/entities/leadlists/{id}"))
    }

    @Test("the server serves the document")
    func served() async throws {
        try await withTestApp { api, _, _ in
            let response = try await api.request(.get, "/openapi.json")
            #expect(response.status == .ok)
            #expect(response["openapi"] == .string("3.1.0"))
        }
    }

    @Test("the filter schemas name exactly the keys the filter grammar reads")
    func filterKeysMatch() throws {
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(OpenAPIDocument.served.utf8))
        func properties(_ schema: String) throws -> [String] {
            guard case .object(let root) = document, case .object(let components)? = root["components"],
                case .object(let schemas)? = components["schemas"], case .object(let object)? = schemas[schema],
                case .object(let properties)? = object["properties"]
            else { throw TestFailure("no \(schema) schema") }
            return properties.keys.sorted()
        }
        #expect(try properties("ContactFilters") == FilterParser.contactKeyNames)
        #expect(try properties("AccountFilters") == FilterParser.accountKeyNames)
    }

    /// A schema of `components.schemas`.
    static func schema(_ name: String) throws -> [String: JSONValue] {
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(OpenAPIDocument.served.utf8))
        guard let schema = document.objectValue?["components"]?.objectValue?["schemas"]?.objectValue?[name]?.objectValue else {
            throw TestFailure("no \(name) schema")
        }
        return schema
    }

    /// Its `required` and `properties` names, which must be the same.
    static func fields(_ name: String) throws -> Set<String> {
        let schema = try schema(name)
        let properties = Set(schema["properties"]?.objectValue?.keys.map { $0 } ?? [])
        guard case .array(let required)? = schema["required"] else { throw TestFailure("\(name) requires nothing") }
        let names = Set(required.compactMap { if case .string(let name) = $0 { name } else { nil } })
        #expect(names == properties, "\(name) requires every field it names")
        return names
    }

    @Test("the record schemas require exactly the fields records are written with, at every depth")
    func recordSchemasMatch() throws {
        #expect(try Self.fields("Person") == LeadShapeTests.personFields)
        #expect(try Self.fields("Company") == LeadShapeTests.companyFields)
        #expect(try Self.fields("Person").union(Self.fields("LeadFields")) == LeadShapeTests.leadFields)
        #expect(try Self.fields("LeadList") == LeadShapeTests.listFields)
        #expect(try Self.fields("LeadListSummary") == LeadShapeTests.listFields.subtracting(["personIds", "companyIds"]))
        let parts: [(String, Any)] = [
            ("Language", Person.Language(language: nil, level: nil)), ("DateSpan", Person.DateSpan(start: nil, end: nil)),
            ("Institution", Person.Institution(name: nil)),
            ("Education", Person.Education(institution: nil, degreeName: nil, fieldOfStudy: nil, dates: nil)),
            ("EmployeeRange", Person.EmployeeRange(start: nil, end: nil)),
            ("ExperienceCompany", Person.ExperienceCompany(id: nil, name: nil)),
            ("ProfilePosition", Person.ProfilePosition(company: nil, title: nil, dates: nil)),
            ("WorkExperience", Person.WorkExperience(company: nil, dates: nil, profilePositions: nil)),
            ("Coordinates", Company.Coordinates(lat: nil, lng: nil)), ("Address", Company.Address(country: nil, state: nil, city: nil)),
            ("CompanyLocation", Company.Location(headquarter: nil, locations: nil)),
        ]
        for (name, sample) in parts { #expect(try Self.fields(name) == LeadShapeTests.fields(of: sample), "\(name)") }
    }

    @Test(
        "every operation has a unique operationId and a declared tag, 500 among its answers, 413 when it takes a body; servers are relative"
    )
    func operationsComplete() throws {
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(OpenAPIDocument.served.utf8))
        let root = try #require(document.objectValue)
        #expect(root["servers"] == [["url": "/", "description": "The server that serves this document"]])
        let tags = Set(
            (try #require(root["tags"]).arrayValue ?? []).compactMap { $0.objectValue?["name"] }.compactMap {
                if case .string(let name) = $0 { name } else { nil }
            })
        var operationIDs: [String] = []
        for (path, item) in try #require(root["paths"]?.objectValue) {
            for (method, operation) in try #require(item.objectValue) where method != "parameters" {
                let operation = try #require(operation.objectValue)
                let name = "\(method.uppercased()) \(path)"
                guard case .string(let id)? = operation["operationId"] else {
                    Issue.record("\(name) has no operationId")
                    continue
                }
                operationIDs.append(id)
                let operationTags = operation["tags"]?.arrayValue ?? []
                #expect(!operationTags.isEmpty, "\(name) has no tag")
                for tag in operationTags { #expect(tag.stringValue.map(tags.contains) == true, "\(name): undeclared tag \(tag)") }
                let responses = try #require(operation["responses"]?.objectValue)
                #expect(responses["500"] != nil, "\(name) can answer 500")
                if operation["requestBody"] != nil { #expect(responses["413"] != nil, "\(name) takes a body, so can answer 413") }
                if path.hasPrefix("/api/v1/") { #expect(responses["429"] != nil, "\(name) is rate limited") }
            }
        }
        #expect(Set(operationIDs).count == operationIDs.count, "operationIds are unique")
    }
}
