import Foundation
import Testing

@testable import LeadbaseCore

@Suite("Lead list rules")
struct LeadListRuleTests {
    let identity = Identity(organizationID: "org_a", userID: "usr_1", role: .member)

    func list(users: [UserID], org: OrganizationID = "org_a") -> LeadList {
        LeadList(
            id: UUID(), organizationID: org, name: "L", type: .person, icpID: nil, startDate: nil, endDate: nil,
            createdBy: "usr_creator", userIDs: users, createdAt: Date(), updatedAt: Date())
    }

    @Test("the creator is always in the access list, sorted and without repeats")
    func accessList() {
        #expect(list(users: ["b", "a", "b"]).userIDs == ["a", "b", "usr_creator"])
    }

    @Test("listed users and admins of the organization may use a list; nobody of another organization may")
    func usable() {
        #expect(list(users: ["usr_1"]).isUsable(by: identity))
        #expect(!list(users: ["usr_2"]).isUsable(by: identity))
        #expect(list(users: []).isUsable(by: Identity(organizationID: "org_a", userID: "x", role: .admin)))
        #expect(!list(users: ["usr_1"], org: "org_b").isUsable(by: identity))
        #expect(!list(users: []).isUsable(by: Identity(organizationID: "org_b", userID: "x", role: .admin)))
    }
}
