import ArgumentParser
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore

// The one database command that imports the server: it reads a search body as the HTTP API
// does (`SearchRequests`, a server DTO), so that what it explains is what the API would run.

/// `leadbase explain`: how the database runs a people search (its count and its page) in SQL,
/// which answers a server's people searches while its in-memory index is behind.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the query plans of a people search body (the JSON of POST /entities/prospects/person)."
    )

    @Argument(help: "The search body, as JSON.") var body: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let request: SearchRequest
        do {
            request = try SearchRequests.people(from: try JSONValue.parse(body.utf8))
        } catch let error as LeadbaseError {
            throw CLIError(error)
        } catch {
            throw ValidationError("the body is not JSON")
        }
        let (filter, window) = (request.filter, request.window)
        let plans = try await database.withDatabase { database in
            try await SQLDirectorySearch(database: database).explainPeople(matching: filter, window: window)
        }
        print("-- count\n" + plans.count.joined(separator: "\n") + "\n-- page\n" + plans.page.joined(separator: "\n"))
    }
}
