import Foundation
import LeadbaseCore
import LeadbaseJSON

/// Reads lead-list request bodies into domain values, reporting every failing field at once.
/// Unknown fields are ignored, as Lance clients send whole list objects back.
enum LeadListRequests {
    static let maxUsers = 1000

    static let userID = Parser<String>.identifier(maxLength: TextRules.maxUserIDLength)
    static let userIDs = Parser<[String]>.array(of: userID, count: 0...maxUsers)
    static let name = Parser<String>.text(maxLength: 200)

    /// `POST /entities/leadlists`.
    static func draft(from body: JSONValue) throws -> LeadListDraft {
        let object = try Validator.object(body)
        var validator = Validator()
        let name = validator.field("name", of: object, name, required: true)
        let type = validator.field("type", of: object, Parser<LeadListType>.oneOf)
        let icpID = validator.field("icpId", of: object, .uuid)
        let startDate = validator.field("startDate", of: object, .iso8601)
        let endDate = validator.field("endDate", of: object, .iso8601)
        let users = validator.field("userIds", of: object, userIDs)
        let members = Self.members(object, listType: type.value ?? .person, &validator)
        if let issue = LeadList.dateOrderIssue(start: startDate.value, end: endDate.value) {
            validator.fail(issue.path, issue.message)
        }
        try validator.validate()
        return LeadListDraft(
            name: name.value!, type: type.value ?? .person, icpID: icpID.value,
            startDate: startDate.value, endDate: endDate.value, userIDs: users.value ?? [], memberIDs: members ?? []
        )
    }

    /// `PATCH /entities/leadlists/{id}`; `listType` is the type of the list being changed.
    static func changes(from body: JSONValue, listType: LeadListType) throws -> LeadListChanges {
        let object = try Validator.object(body)
        var validator = Validator()
        if object["type"] != nil, object["type"] != .string(listType.rawValue) {
            validator.fail(["type"], "The type of a list cannot change")
        }
        let name = validator.field("name", of: object, name)
        if case .null = name { validator.fail(["name"], "Must not be null") }
        let icpID = validator.field("icpId", of: object, .uuid)
        let startDate = validator.field("startDate", of: object, .iso8601)
        let endDate = validator.field("endDate", of: object, .iso8601)
        let users = validator.field("userIds", of: object, userIDs)
        if case .null = users { validator.fail(["userIds"], "Must not be null") }
        let members = Self.members(object, listType: listType, &validator)
        try validator.validate()
        return LeadListChanges(
            name: name.value, icpID: icpID.change, startDate: startDate.change,
            endDate: endDate.change, userIDs: users.value, memberIDs: members
        )
    }

    /// `personIds` (person lists) or `companyIds` (company lists): up to 1000 UUIDs that become the
    /// members; the other kind's array is allowed only empty. Nil when neither was sent.
    /// The ids of an add-companies or remove-members body: its one field `name`, 1 to 1000 ids.
    static func ids(_ name: String, in body: JSONValue) throws -> [UUID] {
        let object = try Validator.object(body)
        var validator = Validator()
        let ids = validator.field(name, of: object, .array(of: .uuid, count: 1...1000), required: true)
        try validator.validate()
        return ids.value ?? []
    }

    private static func members(_ object: [String: JSONValue], listType: LeadListType, _ validator: inout Validator) -> [UUID]? {
        var members: [UUID]?
        for (key, kind) in [("personIds", LeadListType.person), ("companyIds", .company)] {
            guard let ids = validator.field(key, of: object, .array(of: .uuid, count: 0...1000)).value else { continue }
            if kind == listType {
                members = ids
            } else if !ids.isEmpty {
                validator.fail([.key(key)], "Not allowed on a \(listType.rawValue) list")
            }
        }
        return members
    }
}
