import Crypto
import Foundation
import Platform

/// Where the key for encrypted fields comes from (docs/security.md): `AFIELD_ENCRYPTION_KEY`
/// (base64 of 32 bytes; several server processes must share it), else the key file
/// `AFIELD_KEY_FILE` or `<data folder>/afield.key`, created on first start with mode 0600.
/// `AFIELD_ENCRYPTION_KEY_PREVIOUS` (comma-separated) keeps old keys readable after a rotation.
enum EncryptionKeys {
    struct Problem: Error, CustomStringConvertible { let description: String }

    static func load(dataFolder: String) throws -> FieldCipher {
        let env = ProcessInfo.processInfo.environment
        let previous = (env["AFIELD_ENCRYPTION_KEY_PREVIOUS"] ?? "").split(separator: ",").compactMap { FieldCipher.key(base64: String($0)) }
        if let text = env["AFIELD_ENCRYPTION_KEY"], !text.isEmpty {
            guard let key = FieldCipher.key(base64: text) else { throw Problem(description: "AFIELD_ENCRYPTION_KEY must be base64 of 32 bytes") }
            return FieldCipher(current: key, previous: previous)
        }
        let path = env["AFIELD_KEY_FILE"] ?? (dataFolder as NSString).appendingPathComponent("afield.key")
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let key = FieldCipher.key(base64: text) else { throw Problem(description: "\(path) does not hold base64 of 32 bytes") }
            return FieldCipher(current: key, previous: previous)
        }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data((fresh + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Problem(description: "cannot write the new key file \(path)")
            }
        }
        return FieldCipher(current: FieldCipher.key(base64: fresh)!, previous: previous)
    }
}
