import Foundation
import Hummingbird
import JWTKit
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

@Suite("RS256 JWTs")
struct RS256Tests {
    /// A fresh RSA key pair from the openssl command (PEM private key, PEM public key).
    static func keyPair() throws -> (String, String) {
        func openssl(_ arguments: [String], input: Data? = nil) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            let output = Pipe()
            let inputPipe = Pipe()
            process.standardOutput = output
            process.standardInput = inputPipe
            try process.run()
            if let input { inputPipe.fileHandleForWriting.write(input) }
            try inputPipe.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let privateKey = try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
        let publicKey = try openssl(["pkey", "-pubout"], input: Data(privateKey.utf8))
        return (privateKey, publicKey)
    }

    @Test("RS256 JWTs verify against the configured public key file")
    func rs256() async throws {
        let (privatePEM, publicPEM) = try Self.keyPair()
        let keyFile = TestEnvironment.scratchPath("rs256-\(UUID().uuidString).pem")
        try publicPEM.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let environment = ["LEADBASE_JWT_PUBLIC_KEY_FILE": keyFile]
        let loaded = try AppConfiguration.load(environment: environment)
        try await withTestApp(configure: { $0.jwt = loaded.jwt }) { api, _, _ in
            let keys = JWTKeyCollection()
            await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: privatePEM), digestAlgorithm: .sha256)
            let token = try await keys.sign(TestClaims.standard(org: "org_rs\(UUID().uuidString.prefix(6))", role: "admin"))
            #expect(try await api.lists(token).status == .ok)
            let other = JWTKeyCollection()
            let (otherPrivate, _) = try Self.keyPair()
            await other.add(rsa: try Insecure.RSA.PrivateKey(pem: otherPrivate), digestAlgorithm: .sha256)
            let forged = try await other.sign(TestClaims.standard(org: "org_x"))
            #expect(try await api.lists(forged).status == .unauthorized)
        }
    }
}
