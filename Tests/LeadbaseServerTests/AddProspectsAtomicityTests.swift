import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

@Suite("Add prospects atomicity")
struct AddProspectsAtomicityTests {
    /// A trigger that makes linking one particular person fail: a real failure, after the tenant
    /// sync of the same request has already written.
    static func failLinking(_ person: UUID, in database: Database) async throws {
        try await database.withSession { sql in
            if database.dialect == .postgres {
                try await sql.raw(
                    """
                    CREATE FUNCTION fail_link() RETURNS trigger AS $$
                    BEGIN
                      IF NEW.person_id = '\(unsafeRaw: person.uuidString.lowercased())' THEN RAISE EXCEPTION 'injected failure'; END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql
                    """
                ).run()
                try await sql.raw("CREATE TRIGGER fail_link BEFORE INSERT ON lead_list_persons FOR EACH ROW EXECUTE FUNCTION fail_link()")
                    .run()
            } else {
                try await sql.raw(
                    """
                    CREATE TRIGGER fail_link BEFORE INSERT ON lead_list_persons
                    WHEN NEW.person_id = '\(unsafeRaw: person.uuidString)'
                    BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                    """
                ).run()
            }
        }
    }

    @Test("a request that fails after part of its work changes nothing, and answers a bare 500")
    func rollback() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await withTestApp(configure: { $0 = configuration }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            try await TestEnvironment.withDatabase(configuration) { try await Self.failLinking(F.zoe, in: $0) }
            let failed = try await api.addProspects(t, list, api.manual([F.jose, F.zoe]))
            #expect(failed.status == .internalServerError)
            #expect(failed.text == #"{"error":{"code":"INTERNAL_ERROR","message":"An unexpected error occurred"}}"#)
            #expect(try await api.members(t, list) == [])
            let synced = try await TestEnvironment.rowCount("tenant_people", configuration)
            #expect(synced == 0, "the tenant sync of the failed request was rolled back")
            #expect(try await api.addProspects(t, list, api.manual([F.jose]))["addedCount"] == 1, "the list still works")
        }
    }
}
