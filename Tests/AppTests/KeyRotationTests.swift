import AfieldAPI
import AfieldTesting
import Crypto
import Foundation
import Platform
import SQLKit
import Testing

/// Rotating the key of encrypted fields (docs/security.md): `afield keys reseal` seals every value
/// anew with the current key; the app keeps reading them.
@Suite("Key rotation")
struct KeyRotationTests {
    @Test("re-sealing moves every sealed value to the new key; a second run has nothing to do")
    func reseal() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let robert = try await SensitiveFieldTests.robertWithSecrets(admin)
            let old = app.afield.cipher
            let new = FieldCipher.Key(id: "newkey01", key: SymmetricKey(size: .bits256))
            let rotated = FieldCipher(current: new, previous: [old.current])

            let first = try await SealedFields.reseal(cipher: rotated, on: app.db, writes: app.afieldWrites)
            #expect(first.resealed >= 6, "five employee fields and the stored idempotent answer")
            #expect(first.resealed == first.checked)
            let row = try #require(try await (app.db as! any SQLDatabase).raw(
                "SELECT national_id_sealed FROM employees WHERE id = \(bind: robert.id)").first())
            let sealed = try row.decode(column: "national_id_sealed", as: String.self)
            #expect(sealed.hasPrefix("v1:newkey01:"))
            #expect(try FieldCipher(current: new).open(sealed) == SensitiveFieldTests.nationalID, "readable without the old key")
            #expect(try await SealedFields.reseal(cipher: rotated, on: app.db, writes: app.afieldWrites).resealed == 0)

            app.afield.cipher = FieldCipher(current: new)
            let seen: EmployeeDTO = try await admin.get("/api/v1/org/employees/\(robert.id)").decode()
            #expect(seen.sensitive?.salary == "8500.50")
        }
    }
}
