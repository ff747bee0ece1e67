import Foundation

/// The OpenAPI 3.1 description of the whole API: `openapi.json` beside this file, a resource of
/// the module, served at `/openapi.json` as `served` (with the input rules written in).
/// `OpenAPIDocumentTests` fails when a route is missing there or it names a route that does not
/// exist; the test command validates the served document with `openapi-spec-validator`.
enum OpenAPIDocument {
    /// The text of `openapi.json`. Read once; a build without the resource stops at start-up
    /// (`buildApplication` reads `served` before it serves anything).
    static let json: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("openapi.json is missing from the LeadbaseServer resources") }
        return text
    }()
}
