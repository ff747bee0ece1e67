import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Ports for servers that tests start as processes.
enum Ports {
    /// A port that nothing on 127.0.0.1 listens on or uses right now. Chosen below Linux's
    /// ephemeral range (32768–60999), where outgoing connections (to PostgreSQL, for one) take
    /// their local ports, and checked by binding it.
    static func free() -> Int {
        while true {
            let port = Int.random(in: 20000..<32768)
            if isFree(port) { return port }
        }
    }

    static func isFree(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
