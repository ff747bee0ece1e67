import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import Testing

/// Identities inside one organization: the record rule and JWT roles.
@Suite("Trust: identities inside one organization")
struct TrustIdentityTests {
    static let lead =
        #"{"prospects": [{"firstName": "Lia", "lastName": "Lead", "emails": ["lia@target.io"], "phones": ["+1 555 0100"], "jobTitle": "CFO"}]}"#

    @Test("a member cannot read or overwrite, through direct data or a manual add, the leads of a list they may not use")
    func leadsOfOtherLists() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let alice = tenant.alice.token
            let bob = tenant.bob.token
            let alicesList = try await api.createList(alice, name: "Alice only")
            let added = try await api.addProspects(alice, alicesList, Self.lead)
            let lia = try #require(added.strings("prospectIds")?.first)
            let mine = try await api.createList(bob, name: "Bob's")

            // Direct data with the e-mail (and even the id) of Alice's lead makes a record of Bob's own.
            let byEmail = try await api.addProspects(
                bob, mine, #"{"prospects": [{"firstName": "Bob's", "lastName": "Guess", "emails": ["LIA@target.io"]}]}"#)
            #expect(byEmail["addedCount"] == 1)
            let byID = try await api.addProspects(bob, mine, #"{"prospects": [{"id": "\#(lia)", "firstName": "Bob's", "lastName": "Id"}]}"#)
            #expect(byID["addedCount"] == 1)
            #expect(byID.strings("prospectIds")?.first != lia, "a new id, not Alice's record")
            let bobsLeads = try await api.request(.get, "/api/v1/entities/leads/list/\(mine)", token: bob)
            #expect(!bobsLeads.text.contains("555 0100") && !bobsLeads.text.contains("CFO") && !bobsLeads.text.contains(lia))
            let alicesLeads = try await api.request(.get, "/api/v1/entities/leads/list/\(alicesList)", token: alice)
            #expect(alicesLeads.text.contains(#""firstName":"Lia""#) && !alicesLeads.text.contains("Bob's"), "Alice's lead is unchanged")

            // A manual add of Alice's lead's id finds nothing; of a directory person in her list, reports it inaccessible.
            _ = try await api.addProspects(alice, alicesList, api.manual([F.jose]))
            let manual = try await api.addProspects(bob, mine, api.manual([UUID(uuidString: lia)!, F.jose, F.zoe]))
            #expect(manual["addedCount"] == 1)
            #expect(manual.strings("notFoundIds") == [lia])
            #expect(manual.strings("inaccessibleIds") == [F.jose.uuidString.lowercased()])
            let patch = try await api.updateList(bob, mine, #"{"personIds": ["\#(F.jose)", "\#(lia)"]}"#)
            #expect(
                patch.details == [
                    ValidationIssue(path: ["personIds", 0], message: "In lists you may not use"),
                    ValidationIssue(path: ["personIds", 1], message: "Not found"),
                ])

            // An admin may; and once Alice's list is gone, its records belong to everyone's adds again.
            let admins = try await api.createList(tenant.admin.token, name: "Admin")
            #expect(try await api.addProspects(tenant.admin.token, admins, api.manual([F.jose]))["addedCount"] == 1)
            _ = try await api.deleteList(alice, alicesList)
            _ = try await api.deleteList(tenant.admin.token, admins)
            #expect(try await api.addProspects(bob, mine, api.manual([F.jose]))["addedCount"] == 1)
        }
    }

    @Test("a JWT's role is its own: it neither changes a stored user's role nor acts for an operator's user")
    func jwtRoles() async throws {
        try await withTestApp { api, tenant, _ in
            let org = tenant.organization.id
            let alicesList = try await api.createList(tenant.alice.token)
            // A JWT naming Bob (an operator's user) as an admin is refused, and Bob stays a member.
            let asBob = try await hs256(.standard(sub: tenant.bob.user.id, org: org, role: "admin"))
            let refused = try await api.lists(asBob)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorMessage == LeadbaseError.operatorManagedUser.message)
            #expect(try await api.list(tenant.bob.token, alicesList).status == .forbidden)
            // An identity-provider user is admin in its admin JWT's requests and a member in its member JWT's, in any order.
            let admin = try await hs256(.standard(sub: "user_2xIdP", org: org, role: "admin"))
            let member = try await hs256(.standard(sub: "user_2xIdP", org: org, role: "member"))
            for _ in 0..<2 {
                #expect(try await api.list(member, alicesList).status == .forbidden)
                #expect(try await api.list(admin, alicesList).status == .ok)
            }
        }
    }

    @Test("a JWT valid for longer than the horizon, or whose sub is too long or holds control characters, is 401")
    func jwtBounds() async throws {
        try await withTestApp { api, tenant, _ in
            let org = tenant.organization.id
            for claims in [
                TestClaims.standard(org: org, expiresIn: 2 * 86_400),
                .standard(sub: String(repeating: "u", count: 256), org: org),
                .standard(sub: "user\u{0}x", org: org),
                .standard(org: String(repeating: "o", count: 129)),
            ] {
                let response = try await api.lists(try await hs256(claims))
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="leadbase""#)
            }
            #expect(
                try await api.lists(try await hs256(.standard(sub: String(repeating: "u", count: 255), org: org, expiresIn: 86_000))).status
                    == .ok)
        }
    }
}

extension LeadbaseError {
    var message: String? {
        if case .unauthorized(let message) = self { return message }
        return nil
    }
}
