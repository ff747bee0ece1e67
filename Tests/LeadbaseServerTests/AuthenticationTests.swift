import Foundation
import Hummingbird
import JWTKit
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

/// Claims of a test JWT, any shape.
struct TestClaims: JWTPayload {
    var values: [String: JSONValue]

    init(_ values: [String: JSONValue]) { self.values = values }
    init(from decoder: any Decoder) throws { values = try [String: JSONValue](from: decoder) }
    func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    /// A token for `sub` in `org`, valid for an hour unless `expiresIn` says otherwise.
    static func standard(sub: String = "user_2xJWT", org: String?, role: String? = nil, expiresIn: TimeInterval = 3600) -> TestClaims {
        var values: [String: JSONValue] = ["sub": .string(sub), "exp": .number((Date().timeIntervalSince1970 + expiresIn).rounded())]
        if let org { values["org_id"] = .string(org) }
        if let role { values["org_role"] = .string(role) }
        return TestClaims(values)
    }
}

func hs256(_ claims: TestClaims, secret: String = TestEnvironment.jwtSecret) async throws -> String {
    let keys = JWTKeyCollection()
    await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    return try await keys.sign(claims)
}

@Suite("Authentication")
struct AuthenticationTests {
    static let unauthorized = #"{"error":{"code":"UNAUTHORIZED","message":"Missing bearer token"}}"#

    @Test("no Authorization header is 401 in the envelope")
    func missing() async throws {
        try await withTestApp { api, _, _ in
            let response = try await api.lists(nil)
            #expect(response.status == .unauthorized)
            #expect(response.text == Self.unauthorized)
        }
    }

    @Test("a malformed header, an unknown token and a garbage JWT are 401")
    func invalid() async throws {
        try await withTestApp { api, tenant, _ in
            var basic = HTTPFields()
            basic[.authorization] = "Basic dXNlcjpwYXNz"
            let responses = [
                try await api.request(.get, "/api/v1/entities/leadlists", headers: basic),
                try await api.lists("lb_unknown"),
                try await api.lists("not.a.jwt"),
                try await api.lists(String(tenant.alice.token.dropLast())),
            ]
            for response in responses {
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "UNAUTHORIZED")
            }
        }
    }

    @Test("a revoked API token stops working at once (on PostgreSQL, once its notification arrives)")
    func revoked() async throws {
        let configuration = try await TestEnvironment.configuration()
        let (tenant, tokenID, token) = try await TestEnvironment.withDatabase(configuration) { database in
            let tenant = try await Tenant.make(in: database)
            let issued = try await SQLAccountStore(database: database).createToken(for: tenant.alice.user)
            return (tenant, issued.id, issued.token)
        }
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            #expect(try await api.lists(token).status == .ok)
            let revoked = try await TestEnvironment.withDatabase(configuration) {
                try await SQLAccountStore(database: $0).revokeToken(id: tokenID)
            }
            #expect(revoked)
            // Known to the server at once on SQLite, on PostgreSQL once the notification arrives.
            try await ChangeWatchTests.eventually("the revoked token is refused", within: ChangeWatchTests.delivery) {
                try await api.lists(token).status == .unauthorized
            }
            let response = try await api.lists(token)
            #expect(response.status == .unauthorized)
            #expect(response.errorMessage == "Invalid or revoked token")
            #expect(try await api.lists(tenant.alice.token).status == .ok, "other tokens of the user still work")
            let again = try await TestEnvironment.withDatabase(configuration) {
                try await SQLAccountStore(database: $0).revokeToken(id: tokenID)
            }
            #expect(!again, "a revoked token cannot be revoked twice")
        }
    }

    @Test("a JWT with an organization authenticates and creates its user and organization on first use")
    func jwtFirstUse() async throws {
        try await withTestApp { api, _, _ in
            let org = "org_2x\(UUID().uuidString.prefix(8))"
            let token = try await hs256(.standard(sub: "user_2xFirst", org: org))
            let created = try await api.createList(token, #"{"name": "From the IdP"}"#)
            #expect(created.status == .created)
            #expect(created.strings("userIds") == ["user_2xFirst"])
            let listed = try await api.lists(token)
            #expect(listIDs(listed) == [try #require(created.string("id"))])
        }
    }

    @Test("a JWT without an organization is 401 Organization ID required")
    func jwtWithoutOrganization() async throws {
        try await withTestApp { api, _, _ in
            let response = try await api.lists(try await hs256(.standard(org: nil)))
            #expect(response.status == .unauthorized)
            #expect(response.text == #"{"error":{"code":"UNAUTHORIZED","message":"Organization ID required"}}"#)
        }
    }

    @Test("expired, unsigned-by-us and exp-less JWTs are 401")
    func jwtRejected() async throws {
        try await withTestApp { api, _, _ in
            let expired = try await hs256(.standard(org: "org_x", expiresIn: -120))
            let wrongKey = try await hs256(.standard(org: "org_x"), secret: "another-secret-of-thirty-two-bytes!!")
            let noExpiry = try await hs256(TestClaims(["sub": "u", "org_id": "org_x"]))
            for token in [expired, wrongKey, noExpiry] {
                let response = try await api.lists(token)
                #expect(response.status == .unauthorized)
                #expect(response.errorMessage == "Invalid or expired token")
            }
        }
    }

    @Test("org:admin in the role claim is an admin: sees every list of the organization")
    func jwtAdmin() async throws {
        try await withTestApp { api, tenant, _ in
            let listID = try await api.createList(tenant.alice.token)
            let member = try await hs256(.standard(sub: "user_2xMember", org: tenant.organization.id, role: "org:member"))
            let admin = try await hs256(.standard(sub: "user_2xAdmin", org: tenant.organization.id, role: "org:admin"))
            #expect(listIDs(try await api.lists(member)) == [])
            #expect(try await api.list(member, listID).status == .forbidden)
            #expect(listIDs(try await api.lists(admin)) == [listID])
            #expect(try await api.list(admin, listID).status == .ok)
        }
    }

    @Test("claim names, issuer and audience are configurable; dotted claims reach into objects")
    func jwtConfiguredClaims() async throws {
        try await withTestApp(configure: {
            $0.jwt.organizationClaim = "o.id"
            $0.jwt.roleClaim = "o.rol"
            $0.jwt.issuer = "https://idp.example"
            $0.jwt.audience = "leadbase"
        }) { api, _, _ in
            let exp = JSONValue.number((Date().timeIntervalSince1970 + 600).rounded())
            let org = JSONValue.string("org_2xNested\(UUID().uuidString.prefix(6))")
            let good = try await hs256(
                TestClaims([
                    "sub": "user_2xNested", "exp": exp, "iss": "https://idp.example", "aud": ["other", "leadbase"],
                    "o": ["id": org, "rol": "admin"],
                ]))
            #expect(try await api.lists(good).status == .ok)
            let wrongIssuer = try await hs256(
                TestClaims([
                    "sub": "u", "exp": exp, "iss": "https://evil.example", "aud": "leadbase", "o": ["id": "org_x"],
                ]))
            #expect(try await api.lists(wrongIssuer).status == .unauthorized)
            let wrongAudience = try await hs256(
                TestClaims([
                    "sub": "u", "exp": exp, "iss": "https://idp.example", "aud": "someone-else", "o": ["id": "org_x"],
                ]))
            #expect(try await api.lists(wrongAudience).status == .unauthorized)
            let flatOrg = try await hs256(
                TestClaims([
                    "sub": "u", "exp": exp, "iss": "https://idp.example", "aud": "leadbase", "org_id": "org_x",
                ]))
            #expect(try await api.lists(flatOrg).errorMessage == "Organization ID required")
        }
    }

    @Test("ES256 JWTs verify against the configured public key; HS256 is then refused")
    func jwtES256() async throws {
        let key = ES256PrivateKey()
        try await withTestApp(configure: {
            $0.jwt.hs256Secret = nil
            $0.jwt.publicKeyPEM = key.publicKey.pemRepresentation
        }) { api, _, _ in
            let keys = JWTKeyCollection()
            await keys.add(ecdsa: key)
            let token = try await keys.sign(TestClaims.standard(org: "org_es\(UUID().uuidString.prefix(6))"))
            #expect(try await api.lists(token).status == .ok)
            let hs256Token = try await hs256(.standard(org: "org_x"))
            #expect(try await api.lists(hs256Token).status == .unauthorized)
        }
    }

    @Test("with no JWT settings only API tokens authenticate")
    func jwtDisabled() async throws {
        try await withTestApp(configure: { $0.jwt.hs256Secret = nil }) { api, tenant, _ in
            let jwt = try await hs256(.standard(org: "org_x"))
            #expect(try await api.lists(jwt).status == .unauthorized)
            #expect(try await api.lists(tenant.alice.token).status == .ok)
        }
    }
}
