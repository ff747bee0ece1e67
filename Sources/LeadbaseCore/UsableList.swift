/// A lead list that `LeadListService` found in the caller's organization and that the caller may
/// use. It is the proof of that access check which every method changing a list's fields or
/// members takes (update, add-prospects, add-companies, remove-members); only
/// this module can make one, so no write can skip the check, and a controller decodes its request
/// body only once it holds one (404 and 403 come before any validation message).
public struct UsableList: Sendable {
    public let list: LeadList
    public let identity: Identity

    init(_ list: LeadList, checkedFor identity: Identity) {
        self.list = list
        self.identity = identity
    }
}
