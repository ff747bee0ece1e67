import Foundation
import Hummingbird
import LeadbaseCore
import Logging

/// The context of every request: Hummingbird's core storage, the request id, and the identity once
/// `AuthenticationMiddleware` has established it.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    public var identity: Identity?
    /// Largest accepted body; `RequestLogMiddleware` sets it from the configuration, since a
    /// context is made before any configuration can reach it.
    public var maxBodySize: Int = 4 * 1024 * 1024

    /// The client's IP address, when the connection has one: the key of its budget of failed
    /// authentications.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { maxBodySize }
    public var responseEncoder: JSONEncoder { .leadbase }
}

/// The context of `/api/v1` routes. It cannot be created without an identity, so a handler that
/// receives one always acts for a known user inside a known organization.
public struct AuthenticatedContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let identity: Identity
    public let requestID: String
    public let maxBodySize: Int

    public init(context: AppRequestContext) throws {
        guard let identity = context.identity else {
            throw APIError.unauthorized("Missing bearer token")
        }
        self.coreContext = context.coreContext
        self.identity = identity
        self.requestID = context.requestID
        self.maxBodySize = context.maxBodySize
    }

    public var maxUploadSize: Int { maxBodySize }
    public var responseEncoder: JSONEncoder { .leadbase }
}

extension JSONEncoder {
    /// Every JSON answer is written the same way: keys sorted, so output is stable and diffable.
    static var leadbase: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
