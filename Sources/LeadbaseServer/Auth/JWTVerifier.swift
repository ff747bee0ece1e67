import Foundation
import JWTKit
import LeadbaseCore
import LeadbaseStore

/// Checks identity-provider JWTs and reads the identity from their claims.
struct JWTVerifier: Sendable {
    let keys: JWTKeyCollection
    let settings: JWTSettings

    /// Builds the key collection from the settings; a key that cannot be read names its key.
    static func make(_ settings: JWTSettings) async throws(ConfigurationError) -> JWTVerifier? {
        guard settings.isEnabled else { return nil }
        let keys = JWTKeyCollection()
        if let secret = settings.hs256Secret {
            await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256, kid: "hs256")
        }
        if let pem = settings.publicKeyPEM {
            if let key = try? Insecure.RSA.PublicKey(pem: pem) {
                await keys.add(rsa: key, digestAlgorithm: .sha256, kid: "rs256")
            } else if let key = try? ES256PublicKey(pem: pem) {
                await keys.add(ecdsa: key, kid: "es256")
            } else {
                throw ConfigurationError(JWTSettings.publicKeyFile, "not a PEM RSA or P-256 EC public key")
            }
        }
        return JWTVerifier(keys: keys, settings: settings)
    }

    /// The identity in a valid token. Signature, `exp` (required, and at most `maxLifetimeSeconds`
    /// ahead), `nbf`, issuer and audience are checked; `sub` must be a user id of 1–255
    /// characters and the organization claim an id of 1–128, without control characters; a
    /// token without the organization claim is `Organization ID required`.
    func identity(from token: String) async throws -> Identity {
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self, iteratingKeys: true)
        } catch {
            throw LeadbaseError.unauthorized("Invalid or expired token")
        }
        let values = claims.values
        if let issuer = settings.issuer, values["iss"] != .string(issuer) {
            throw LeadbaseError.unauthorized("Invalid or expired token")
        }
        if let audience = settings.audience {
            let matches =
                switch values["aud"] {
                case .string(let value): value == audience
                case .array(let values): values.contains(.string(audience))
                default: false
                }
            guard matches else { throw LeadbaseError.unauthorized("Invalid or expired token") }
        }
        guard case .string(let subject) = values["sub"],
            TextRules.identifierIssue(subject, maxLength: TextRules.maxUserIDLength) == nil
        else {
            throw LeadbaseError.unauthorized("Invalid or expired token")
        }
        // A token valid for longer than the configured horizon is refused: a leaked one would
        // stay usable for as long, and identity providers issue tokens of minutes or hours.
        if case .number(let expiry) = values["exp"], expiry - Date().timeIntervalSince1970 > Double(settings.maxLifetimeSeconds) {
            throw LeadbaseError.unauthorized("Token lifetime exceeds \(settings.maxLifetimeSeconds) seconds")
        }
        guard case .string(let organization) = claims.value(at: settings.organizationClaim), !organization.isEmpty else {
            throw LeadbaseError.organizationRequired
        }
        guard TextRules.identifierIssue(organization, maxLength: TextRules.maxOrganizationIDLength) == nil else {
            throw LeadbaseError.unauthorized("Invalid or expired token")
        }
        let role: Role =
            switch claims.value(at: settings.roleClaim) {
            case .string("admin"), .string("org:admin"): .admin
            default: .member
            }
        return Identity(organizationID: organization, userID: subject, role: role)
    }

    /// Every claim of a token, kept as JSON so that claim names can be configured.
    struct Claims: JWTPayload {
        let values: [String: JSONValue]

        init(from decoder: any Decoder) throws {
            values = try [String: JSONValue](from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            try values.encode(to: encoder)
        }

        /// The claim at a dotted path (`o.id` reaches `{"o": {"id": …}}`).
        func value(at path: String) -> JSONValue? {
            var current: JSONValue? = .object(values)
            for key in path.split(separator: ".") {
                guard case .object(let object) = current else { return nil }
                current = object[String(key)]
            }
            return current
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {
            let now = Date().timeIntervalSince1970
            guard case .number(let expiry) = values["exp"], expiry > now else {
                throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "expired or without exp")
            }
            if case .number(let notBefore) = values["nbf"], notBefore > now + 60 {
                throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "not yet valid")
            }
        }
    }
}
