import AfieldAPI
import Crypto
import Foundation
import Platform
import Testing

@Suite("TOTP and field encryption")
struct SecurityPrimitiveTests {
    /// RFC 6238 Appendix B, SHA-1 rows (8 digits, key "12345678901234567890").
    @Test("RFC 6238 test vectors", arguments: [
        (59.0, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func rfc6238(time: Double, expected: String) {
        let totp = TOTP(secret: Data("12345678901234567890".utf8), digits: 8)
        #expect(totp.code(at: Date(timeIntervalSince1970: time)) == expected)
    }

    @Test("accepts one step of drift either way, not two; rejects malformed codes")
    func drift() {
        let totp = TOTP(secret: Data("12345678901234567890".utf8))
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(totp.code(step: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep(totp.code(step: step + 1), at: now) == step + 1)
        #expect(totp.matchingStep(totp.code(step: step + 2), at: now) == nil)
        #expect(totp.matchingStep("12a456", at: now) == nil)
        #expect(totp.matchingStep("", at: now) == nil)
    }

    @Test("base32 round trip (RFC 4648 vectors)")
    func base32() {
        #expect(Base32.encode(Data("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode(Data("f".utf8)) == "MY")
        #expect(Base32.decode("MZXW6YTBOI") == Data("foobar".utf8))
        #expect(Base32.decode("not base32!") == nil)
    }

    @Test("AES-GCM fields: round trip, tamper detection, rotation")
    func cipher() throws {
        let old = FieldCipher.Key(id: "old", key: SymmetricKey(size: .bits256))
        let new = FieldCipher.Key(id: "new", key: SymmetricKey(size: .bits256))
        let sealed = try FieldCipher(current: old).seal("DE89 3704 0044 0532 0130 00")
        #expect(!sealed.contains("3704"))
        #expect(try FieldCipher(current: old).open(sealed) == "DE89 3704 0044 0532 0130 00")
        #expect(try FieldCipher(current: new, previous: [old]).open(sealed) == "DE89 3704 0044 0532 0130 00")
        #expect(throws: FieldCipher.Problem.unknownKey("old")) { try FieldCipher(current: new).open(sealed) }
        let parts = sealed.split(separator: ":")
        var bytes = Array(Data(base64Encoded: String(parts[2]))!)
        bytes[bytes.count / 2] ^= 0x01
        let tampered = "\(parts[0]):\(parts[1]):\(Data(bytes).base64EncodedString())"
        #expect(throws: FieldCipher.Problem.tampered) { try FieldCipher(current: old).open(tampered) }
        #expect(FieldCipher.key(base64: Data(repeating: 7, count: 32).base64EncodedString()) != nil)
        #expect(FieldCipher.key(base64: "short") == nil)
    }

    @Test("request fingerprints are keyed: equal under one key, different under another, matched after a rotation")
    func fingerprints() {
        let old = FieldCipher.Key(id: "old", key: SymmetricKey(size: .bits256))
        let new = FieldCipher.Key(id: "new", key: SymmetricKey(size: .bits256))
        let data = Data(#"{"nationalId":"110101199003077777"}"#.utf8)
        let before = FieldCipher(current: old).fingerprint(data)
        #expect(before == FieldCipher(current: old).fingerprint(data))
        #expect(before != FieldCipher(current: new).fingerprint(data))
        #expect(FieldCipher(current: new, previous: [old]).fingerprints(data).contains(before))
        #expect(before.count == 64)
    }
}

@Suite("CSV formula guard")
struct CSVFormulaGuardTests {
    @Test("H8-3 a field that a spreadsheet would run as a formula is neutralised, also behind a leading tab or carriage return (OWASP)")
    func formulas() {
        #expect(CSVText.field("=1+1") == "'=1+1")
        #expect(CSVText.field("\r=1+1") == "\"'\r=1+1\"")
        #expect(CSVText.field("\t=1+1") == "'\t=1+1")
        #expect(CSVText.field("-12.5") == "-12.5", "a negative number stays a number")
        #expect(CSVText.field("Alfreds Futterkiste") == "Alfreds Futterkiste")
    }
}

@Suite("Text patterns of the OpenAPI document")
struct TextPatternTests {
    /// Every scalar of the first planes, plus the ones the rules name.
    static let scalars: [Unicode.Scalar] = (Array(0...0x3100) + [0xFEFF, 0xFF41, 0x1F600]).compactMap(Unicode.Scalar.init)

    @Test("H8-6 the document's patterns refuse exactly what the server's text guard refuses")
    func patternsMatchTheGuard() throws {
        for (pattern, multiline) in [(SchemaPattern.text, true), (SchemaPattern.line, false)] {
            let regex = try NSRegularExpression(pattern: pattern)
            for scalar in Self.scalars {
                let text = "a" + String(Character(scalar)) + "b"
                let matches = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(matches == !TextInput.hasForbidden(text, multiline: multiline), "U+\(String(scalar.value, radix: 16)) multiline \(multiline)")
            }
        }
    }
}
