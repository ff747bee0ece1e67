import Configuration
import Foundation
import LeadbaseStore

/// How JWTs from an identity provider are checked. With neither a secret nor a key, JWTs are refused
/// and only API tokens authenticate.
public struct JWTSettings: Sendable {
    /// Shared secret for HS256 tokens.
    public var hs256Secret: String?
    /// PEM of an RSA (RS256) or P-256 EC (ES256) public key.
    public var publicKeyPEM: String?
    /// Required `iss`, when set.
    public var issuer: String?
    /// Required `aud` (one of them, for a list), when set.
    public var audience: String?
    /// Claim with the organization id; a dotted path reaches into objects (`o.id`).
    public var organizationClaim: String
    /// Claim with the organization role; `admin` or `org:admin` means admin.
    public var roleClaim: String
    /// Tokens whose `exp` lies further ahead than this are refused.
    public var maxLifetimeSeconds: Int

    public static let hs256Secret = Setting(
        key: "jwt.hs256Secret", environment: "LEADBASE_JWT_HS256_SECRET", isSecret: true, summary: "secret of HS256 JWTs")
    public static let publicKeyFile = Setting(
        key: "jwt.publicKeyFile", environment: "LEADBASE_JWT_PUBLIC_KEY_FILE", summary: "PEM file of the RS256/ES256 public key of JWTs")
    public static let issuer = Setting(key: "jwt.issuer", environment: "LEADBASE_JWT_ISSUER", summary: "required JWT issuer (iss)")
    public static let audience = Setting(key: "jwt.audience", environment: "LEADBASE_JWT_AUDIENCE", summary: "required JWT audience (aud)")
    public static let organizationClaim = Setting(
        key: "jwt.organizationClaim", environment: "LEADBASE_JWT_ORG_CLAIM", default: "org_id",
        summary: "claim holding the organization id")
    public static let roleClaim = Setting(
        key: "jwt.roleClaim", environment: "LEADBASE_JWT_ROLE_CLAIM", default: "org_role", summary: "claim holding the organization role")
    public static let maxLifetime = Setting(
        key: "jwt.maxLifetime", environment: "LEADBASE_JWT_MAX_LIFETIME", default: "86400",
        summary: "longest accepted time from now to a JWT's exp, in seconds")
    public static let keys = [hs256Secret, publicKeyFile, issuer, audience, organizationClaim, roleClaim, maxLifetime]

    public init(reader: ConfigReader) throws(ConfigurationError) {
        hs256Secret = reader.text(Self.hs256Secret)
        if let path = reader.text(Self.publicKeyFile) {
            guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigurationError(Self.publicKeyFile, "cannot read '\(path)'")
            }
            publicKeyPEM = pem
        }
        issuer = reader.text(Self.issuer)
        audience = reader.text(Self.audience)
        organizationClaim = try reader.requiredText(Self.organizationClaim)
        roleClaim = try reader.requiredText(Self.roleClaim)
        maxLifetimeSeconds = try reader.requiredValue(Self.maxLifetime, expected: "a positive number of seconds") { text in
            Int(text).flatMap { $0 > 0 ? $0 : nil }
        }
    }

    public var isEnabled: Bool { hs256Secret != nil || publicKeyPEM != nil }
}
