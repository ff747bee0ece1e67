extension Migration {
    /// Who made each user: an operator (`leadbase user create`) or the identity provider (first
    /// sight of a JWT). A JWT may not act for a user an operator made, and it no longer writes its
    /// role onto the stored user: the role of a JWT is its claim, for that request only.
    ///
    /// Users recorded from JWTs before this migration are those with their id as their name and
    /// no e-mail (what first sight wrote; the CLI requires a name, and an operator who typed the
    /// id as the name and left the e-mail out is treated as the identity provider too). Their
    /// stored role is the last JWT's claim, which the old code wrote there; it goes back to
    /// `member`, since only an operator's word may make a stored user an admin.
    static let recordUserSource = Migration(version: 12, name: "record user source") { _ in
        [
            "ALTER TABLE users ADD COLUMN source TEXT NOT NULL DEFAULT 'operator' CHECK (source IN ('operator', 'identity_provider'))",
            "UPDATE users SET source = 'identity_provider', role = 'member' WHERE name = id AND email IS NULL",
        ]
    }
}
