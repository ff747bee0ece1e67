import Foundation
import LeadbaseCore
import Testing

@Suite("Company search and directory reads")
struct CompanySearchTests {
    @Test("nameOrDomain matches the name or the domain; list keys and urls narrow companies")
    func companySearch() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            func nameOrDomain(_ mode: String, _ value: String) -> String {
                #"{"account": {"nameOrDomain": {"any": {"include": {"mode": "\#(mode)", "content": ["\#(value)"]}}}}}"#
            }
            #expect(try await api.companyIDs(t, "{}") == [F.acme, F.globex, F.initech])
            #expect(try await api.companyIDs(t, nameOrDomain("SMART", "acm")) == [F.acme])
            #expect(try await api.companyIDs(t, nameOrDomain("WORD", "GLOBEX")) == [F.globex])
            #expect(try await api.companyIDs(t, nameOrDomain("WORD", "acme.io")) == [F.acme], "the domain's words")
            #expect(try await api.companyIDs(t, nameOrDomain("STRICT", "globex corporation")) == [F.globex])
            do {
                let found = try await api.companyIDs(t, #"{"account": {"location": {"any": {"include": ["zürich", "berlin"]}}}}"#)
                #expect(found == [F.acme, F.initech])
            }
            do {
                let found = try await api.companyIDs(t, #"{"account": {"type": {"any": {"exclude": ["PUBLIC_COMPANY"]}}}}"#)
                #expect(found == [F.acme, F.initech])
            }
            do {
                let found = try await api.companyIDs(t, #"{"url": ["https://www.linkedin.com/company/acme/"]}"#)
                #expect(found == [F.acme])
            }
            do {
                let found = try await api.companyIDs(t, #"{"url": ["http://globex.com/about", "https://linkedin.com/company/nobody"]}"#)
                #expect(found == [F.globex])
            }
            let page = try await api.searchCompanies(t, #"{"size": 1, "page": 1}"#)
            #expect(contentIDs(page) == [F.globex])
            #expect(page["totalElements"] == 3)
            #expect(page["totalPages"] == 3)
        }
    }

    @Test("get person embeds the company; get company; unknown ids are 404")
    func reads() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let person = try await api.request(.get, "/api/v1/entities/prospects/person/\(F.jose.uuidString.lowercased())", token: t)
            #expect(person.status == .ok)
            #expect(person["lastName"] == "García")
            guard case .object(let company)? = person["company"] else {
                Issue.record("no company")
                return
            }
            #expect(company["domain"] == "acme.io")
            let jane = try await api.request(.get, "/api/v1/entities/prospects/person/\(F.jane.uuidString)", token: t)
            #expect(jane["company"] == .null)
            let acme = try await api.request(.get, "/api/v1/entities/prospects/company/\(F.acme.uuidString)", token: t)
            #expect(acme["name"] == "Acme Software")
            #expect(acme["annualRevenue"] == 30_000_000)
            let missing = UUID()
            let noPerson = try await api.request(.get, "/api/v1/entities/prospects/person/\(missing.uuidString)", token: t)
            #expect(noPerson.status == .notFound)
            #expect(noPerson.errorMessage == "Person not found: \(missing.uuidString.lowercased())")
            let noCompany = try await api.request(.get, "/api/v1/entities/prospects/company/\(missing.uuidString)", token: t)
            #expect(noCompany.errorMessage == "Company not found: \(missing.uuidString.lowercased())")
            #expect(try await api.request(.get, "/api/v1/entities/prospects/person/nope", token: t).status == .badRequest)
            #expect(try await api.request(.get, "/api/v1/entities/prospects/person/\(F.jose.uuidString)").status == .unauthorized)
        }
    }

    @Test("people at a company: size clamped into 1...100 (default 25), negative page becomes 0")
    func peopleAtCompany() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let base = "/api/v1/entities/prospects/company/\(F.acme.uuidString)/people/search"
            let all = try await api.request(.get, base, token: t)
            #expect(contentIDs(all) == [F.jose, F.joseS])
            #expect(all["size"] == 25)
            let one = try await api.request(.get, base + "?size=0&page=-4", token: t)
            #expect(contentIDs(one) == [F.jose])
            #expect(one["size"] == 1)
            #expect(one["number"] == 0)
            #expect(one["totalPages"] == 2)
            let second = try await api.request(.get, base + "?size=1&page=1", token: t)
            #expect(contentIDs(second) == [F.joseS])
            #expect(try await api.request(.get, base + "?size=1000", token: t)["size"] == 100)
            let bad = try await api.request(.get, base + "?size=ten", token: t)
            #expect(bad.status == .badRequest)
            #expect(bad.details == [ValidationIssue(path: ["size"], message: "Expected integer, received 'ten'")])
            let huge = try await api.request(.get, base + "?size=9007199254740992&page=-9223372036854775808", token: t)
            #expect(Set(huge.details.map(\.path)) == [["size"], ["page"]], "beyond ±(2^53 − 1), as in a body")
            let unknown = try await api.request(.get, "/api/v1/entities/prospects/company/\(UUID().uuidString)/people/search", token: t)
            #expect(unknown.status == .notFound)
        }
    }
}
