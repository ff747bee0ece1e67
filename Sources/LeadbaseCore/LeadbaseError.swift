import Foundation

/// The errors the domain can answer with. The server renders each as the API's error envelope;
/// anything that is not a `LeadbaseError` is an internal error and never shown to a client.
public enum LeadbaseError: Error, Sendable, Equatable {
    /// The input is invalid; `issues` lists every failing field.
    case invalid(message: String, issues: [ValidationIssue])
    /// No valid identity, or an identity without an organization.
    case unauthorized(String)
    /// The caller may not use this resource.
    case forbidden(String)
    /// No such resource in the caller's organization.
    case notFound(String)
    /// The request conflicts with the current state.
    case conflict(String)

    /// A validation error on the request body with the given failing fields.
    public static func invalidBody(_ issues: [ValidationIssue]) -> LeadbaseError {
        .invalid(message: "Invalid request body", issues: issues)
    }

    /// The 404 for a lead list, worded as the Lance API words it.
    public static func leadListNotFound(_ id: UUID) -> LeadbaseError {
        .notFound("LeadList not found: \(id.uuidString.lowercased())")
    }

    public static let noLeadListAccess = LeadbaseError.forbidden("You do not have access to this lead list")

    public static func icpNotFound(_ id: UUID) -> LeadbaseError {
        .notFound("ICP not found: \(id.uuidString.lowercased())")
    }

    public static let noICPAccess = LeadbaseError.forbidden("You do not have access to this ICP")
    public static let organizationRequired = LeadbaseError.unauthorized("Organization ID required")
    public static let operatorManagedUser = LeadbaseError.unauthorized(
        "This user was created by an operator; it signs in with its API token, not an identity-provider token")
}
