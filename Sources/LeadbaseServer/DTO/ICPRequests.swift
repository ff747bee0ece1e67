import Foundation
import Hummingbird
import LeadbaseCore
import LeadbaseJSON

/// Reads ICP request bodies into domain values, reporting every failing field at once. The
/// criteria are validated whole, key by key (an unknown key is a 400 naming it), and kept in a
/// complete form: every field of their shape, with its default when left out.
enum ICPRequests {
    static let name = Parser<String>.text(maxLength: 200)
    static let description = Parser<String>.text(maxLength: 2000)
    static let leadsPerList = Parser<Int>.integer.check("Must be between 1 and 1000") { (1...1000).contains($0) }
    static let maxCriteria = 20

    /// `POST /entities/icps`.
    static func draft(from body: JSONValue) throws -> ICPDraft {
        let object = try Validator.object(body)
        var validator = Validator()
        let name = validator.field("name", of: object, name, required: true)
        let description = validator.field("description", of: object, description)
        let provider = validator.field("leadProviderCriteria", of: object, .array(of: criterion, count: 0...maxCriteria))
        let custom = validator.field("customFilterCriteria", of: object, .array(of: customCriterion, count: 0...maxCriteria))
        let crm = validator.field("crmFilters", of: object, crmFilters)
        let users = validator.field("userIds", of: object, LeadListRequests.userIDs)
        let leads = validator.field("leadsPerList", of: object, leadsPerList)
        let activeUntil = validator.field("activeUntil", of: object, .iso8601)
        try validator.validate()
        return ICPDraft(
            name: name.value!, description: description.value, leadProviderCriteria: .array(provider.value ?? []),
            customFilterCriteria: .array(custom.value ?? []), crmFilters: crm.value ?? .null, userIDs: users.value ?? [],
            leadsPerList: leads.value ?? ICP.defaultLeadsPerList, activeUntil: activeUntil.value)
    }

    /// `PATCH /entities/icps/{id}`: every field optional; `name`, `userIds`, `leadsPerList` and
    /// the criteria lists may not be null (a list is emptied with `[]`).
    static func changes(from body: JSONValue) throws -> ICPChanges {
        let object = try Validator.object(body)
        var validator = Validator()
        let name = validator.field("name", of: object, name)
        let description = validator.field("description", of: object, description)
        let provider = validator.field("leadProviderCriteria", of: object, .array(of: criterion, count: 0...maxCriteria))
        let custom = validator.field("customFilterCriteria", of: object, .array(of: customCriterion, count: 0...maxCriteria))
        let crm = validator.field("crmFilters", of: object, crmFilters)
        let users = validator.field("userIds", of: object, LeadListRequests.userIDs)
        let leads = validator.field("leadsPerList", of: object, leadsPerList)
        let activeUntil = validator.field("activeUntil", of: object, .iso8601)
        for key in ["name", "leadProviderCriteria", "customFilterCriteria", "userIds", "leadsPerList"] where object[key] == .null {
            validator.fail([.key(key)], "Must not be null")
        }
        try validator.validate()
        return ICPChanges(
            name: name.value, description: description.change, leadProviderCriteria: provider.value.map(JSONValue.array),
            customFilterCriteria: custom.value.map(JSONValue.array), crmFilters: crm.change.map { $0 ?? .null },
            userIDs: users.value, leadsPerList: leads.value, activeUntil: activeUntil.change)
    }

    // MARK: the criteria

    /// An object of only `keys`, read by `read` (which reports into a validator whose paths are
    /// relative to the object) into the value kept.
    static func record(
        _ keys: [String], _ read: @escaping @Sendable ([String: JSONValue], inout Validator) -> JSONValue
    ) -> Parser<JSONValue> {
        Parser { value in
            guard case .object(let object) = value else {
                return .failure(ParseFailure("Expected object, received \(value.typeName)"))
            }
            var validator = Validator()
            for key in object.keys.sorted() where !keys.contains(key) {
                validator.fail([.key(key)], "Unknown field; expected \(keys.joined(separator: ", "))")
            }
            let kept = read(object, &validator)
            return validator.issues.isEmpty ? .success(kept) : .failure(ParseFailure(issues: validator.issues))
        }
    }

    static let words = Parser<[String]>.array(of: .text(maxLength: 200), count: 0...100)

    static func strings(_ field: Field<[String]>) -> JSONValue? {
        field.value.map { .array($0.map(JSONValue.string)) }
    }

    /// `{provider: "baseProvider", type: "person"|"company" (default person), filters}`.
    static let criterion = record(["provider", "type", "filters"]) { object, validator in
        _ = validator.field(
            "provider", of: object, Parser<String>.string.check("Must be one of: baseProvider") { $0 == "baseProvider" }, required: true)
        let type = validator.field("type", of: object, Parser<LeadListType>.oneOf)
        let filters = validator.field("filters", of: object, providerFilters)
        return [
            "provider": "baseProvider", "type": .string((type.value ?? .person).rawValue), "filters": filters.value ?? .object([:]),
        ]
    }

    /// The "baseProvider" filters: `job_title`, `skills`, `location {country, state, city}`,
    /// `company {employee_size {min, max}, industry, keywords}`; each key optional.
    static let providerFilters = record(["job_title", "skills", "location", "company"]) { object, validator in
        var kept: [String: JSONValue] = [:]
        for key in ["job_title", "skills"] { kept[key] = strings(validator.field(key, of: object, words)) }
        kept["location"] = validator.field("location", of: object, location).value
        kept["company"] = validator.field("company", of: object, company).value
        return .object(kept)
    }

    static let location = record(["country", "state", "city"]) { object, validator in
        var kept: [String: JSONValue] = [:]
        for key in ["country", "state", "city"] { kept[key] = strings(validator.field(key, of: object, words)) }
        return .object(kept)
    }

    static let company = record(["employee_size", "industry", "keywords"]) { object, validator in
        var kept: [String: JSONValue] = [:]
        kept["employee_size"] = validator.field("employee_size", of: object, employeeSize).value
        for key in ["industry", "keywords"] { kept[key] = strings(validator.field(key, of: object, words)) }
        return .object(kept)
    }

    static let count = Parser<Int>.integer.check("Must be between 0 and 10000000") { (0...10_000_000).contains($0) }

    static let employeeSize = record(["min", "max"]) { object, validator in
        let min = validator.field("min", of: object, count)
        let max = validator.field("max", of: object, count)
        if let low = min.value, let high = max.value, high < low { validator.fail(["max"], "Must not be below min") }
        return ["min": min.value.map { .number(Double($0)) } ?? .null, "max": max.value.map { .number(Double($0)) } ?? .null]
    }

    static let customTypes = ["maxPeoplePerCompany", "minDaysUntilReuse"]

    /// `{type: maxPeoplePerCompany|minDaysUntilReuse, value: 0…10,000,000}`.
    static let customCriterion = record(["type", "value"]) { object, validator in
        let type = validator.field(
            "type", of: object,
            Parser<String>.string.check("Must be one of: \(customTypes.joined(separator: ", "))") { customTypes.contains($0) },
            required: true)
        let value = validator.field("value", of: object, count, required: true)
        return ["type": type.value.map(JSONValue.string) ?? .null, "value": value.value.map { .number(Double($0)) } ?? .null]
    }

    /// `{provider: "bullhorn", textSearch, query, filters: [{path, mode, value, exclude}]}`.
    static let crmFilters = record(["provider", "textSearch", "query", "filters"]) { object, validator in
        _ = validator.field(
            "provider", of: object, Parser<String>.string.check("Must be one of: bullhorn") { $0 == "bullhorn" }, required: true)
        let textSearch = validator.field("textSearch", of: object, Parser<String>.text(maxLength: 1000))
        let query = validator.field("query", of: object, Parser<String>.text(maxLength: 10_000))
        let filters = validator.field("filters", of: object, .array(of: crmFilter, count: 0...100))
        return [
            "provider": "bullhorn", "textSearch": textSearch.value.map(JSONValue.string) ?? .null,
            "query": query.value.map(JSONValue.string) ?? .null, "filters": .array(filters.value ?? []),
        ]
    }

    static let scalar = Parser<JSONValue> { value in
        switch value {
        case .string(let text) where text.count > 1000: .failure(ParseFailure("Must be at most 1000 characters"))
        case .string, .number, .bool, .null: .success(value)
        default: .failure(ParseFailure("Expected string, number or boolean, received \(value.typeName)"))
        }
    }

    static let boolean = Parser<Bool> { value in
        guard case .bool(let flag) = value else { return .failure(ParseFailure("Expected boolean, received \(value.typeName)")) }
        return .success(flag)
    }

    static let crmFilter = record(["path", "mode", "value", "exclude"]) { object, validator in
        let path = validator.field("path", of: object, Parser<String>.text(maxLength: 200), required: true)
        let mode = validator.field("mode", of: object, Parser<String>.text(maxLength: 50))
        let value = validator.field("value", of: object, scalar)
        let exclude = validator.field("exclude", of: object, boolean)
        return [
            "path": path.value.map(JSONValue.string) ?? .null, "mode": mode.value.map(JSONValue.string) ?? .null,
            "value": value.value ?? .null, "exclude": .bool(exclude.value ?? false),
        ]
    }
}

/// An ICP on the wire: every field of the shape, `null` when it has no value.
struct ICPResponse: ResponseEncodable {
    let icp: ICP

    enum CodingKeys: String, CodingKey {
        case id, name, description, leadProviderCriteria, customFilterCriteria, crmFilters, userIds, leadsPerList, activeUntil
        case createdAt, updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(icp.id.uuidString.lowercased(), forKey: .id)
        try container.encode(icp.name, forKey: .name)
        try container.encodeOrNull(icp.description, forKey: .description)
        try container.encode(icp.leadProviderCriteria, forKey: .leadProviderCriteria)
        try container.encode(icp.customFilterCriteria, forKey: .customFilterCriteria)
        try container.encode(icp.crmFilters, forKey: .crmFilters)
        try container.encode(icp.userIDs, forKey: .userIds)
        try container.encode(icp.leadsPerList, forKey: .leadsPerList)
        try container.encodeOrNull(icp.activeUntil.map(ISO8601.format), forKey: .activeUntil)
        try container.encode(ISO8601.format(icp.createdAt), forKey: .createdAt)
        try container.encode(ISO8601.format(icp.updatedAt), forKey: .updatedAt)
    }
}
