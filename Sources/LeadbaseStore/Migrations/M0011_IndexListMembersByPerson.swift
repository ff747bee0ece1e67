extension Migration {
    /// Which of the organization's person records a caller may see depends on the lists that
    /// hold each (`RecordVisibility`): that is a lookup of a person's list links by person.
    static let indexListMembersByPerson = Migration(version: 11, name: "index list members by person") { _ in
        ["CREATE INDEX lead_list_persons_by_person ON lead_list_persons (organization_id, person_id)"]
    }
}
