import Crypto
import Foundation

/// Encrypts sensitive fields at rest with AES-256-GCM (swift-crypto), DESIGN §5.
///
/// Stored form: `v1:<key id>:<base64 of nonce‖ciphertext‖tag>`. The key id lets old values be
/// read after a rotation: configure the new key as current and the old one as previous,
/// re-save (or leave) the rows, then drop the old key (docs/security.md).
public struct FieldCipher: Sendable {
    public struct Key: Sendable {
        public let id: String
        let key: SymmetricKey
        public init(id: String, key: SymmetricKey) {
            self.id = id
            self.key = key
        }
    }

    public enum Problem: Error, Equatable {
        case malformed, unknownKey(String), tampered
    }

    public let current: Key
    public let previous: [Key]

    public init(current: Key, previous: [Key] = []) {
        self.current = current
        self.previous = previous
    }

    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: current.key)
        guard let combined = box.combined else { throw Problem.malformed }
        return "v1:\(current.id):\(combined.base64EncodedString())"
    }

    public func open(_ stored: String) throws -> String {
        let parts = stored.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "v1", let data = Data(base64Encoded: parts[2]) else { throw Problem.malformed }
        guard let key = ([current] + previous).first(where: { $0.id == parts[1] }) else { throw Problem.unknownKey(parts[1]) }
        do {
            let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key.key)
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw Problem.tampered
        }
    }

    /// A keyed fingerprint of `data` (HMAC-SHA256 under the current key, hex): equal data gives
    /// equal fingerprints, but without the key a fingerprint cannot be used to test guesses of
    /// low-entropy content (an ID number, a phone number).
    public func fingerprint(_ data: Data) -> String { Self.hmac(data, current.key) }

    /// ``fingerprint(_:)`` under the current and every previous key, for matching one stored
    /// before a rotation.
    public func fingerprints(_ data: Data) -> [String] { ([current] + previous).map { Self.hmac(data, $0.key) } }

    /// HMAC under a key derived from the encryption key (HKDF), never the AES key itself.
    private static func hmac(_ data: Data, _ key: SymmetricKey) -> String {
        let derived = HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("afield.fingerprint.v1".utf8), outputByteCount: 32)
        return HMAC<SHA256>.authenticationCode(for: data, using: derived).map { String(format: "%02x", $0) }.joined()
    }

    /// A key from 32 bytes given as base64 (e.g. `AFIELD_ENCRYPTION_KEY`); its id is the first
    /// 8 hex digits of its SHA-256, so the id never reveals the key.
    public static func key(base64: String) -> Key? {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else { return nil }
        let id = SHA256.hash(data: data).prefix(4).map { String(format: "%02x", $0) }.joined()
        return Key(id: id, key: SymmetricKey(data: data))
    }
}
