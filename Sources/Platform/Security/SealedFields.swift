import Fluent
import Foundation
import SQLKit

/// Every column Afield stores sealed with ``FieldCipher``, and re-sealing them under the current
/// key after a rotation (docs/security.md): once done, no row refers to a previous key and that
/// key can be dropped.
public enum SealedFields {
    /// Table and sealed columns; each table has an `id` column.
    public static let columns: [(table: String, columns: [String])] = [
        ("users", ["totp_secret"]),
        ("employees", SensitiveField.allCases.map(\.column)),
        ("idempotency_keys", ["body"]),
    ]

    /// How many sealed values were looked at and how many were sealed anew.
    public struct Tally: Sendable, Equatable {
        public var checked = 0
        public var resealed = 0
    }

    /// Opens every sealed value not sealed with `cipher`'s current key (with a previous key) and
    /// seals it with the current one. Each value is written with `UPDATE … WHERE <column> = <old>`,
    /// so a value changed meanwhile by the app is left as the app wrote it.
    /// - Throws: ``FieldCipher/Problem/unknownKey(_:)`` for a value whose key is neither current nor
    ///   previous; values re-sealed before it stay re-sealed (which is harmless) — fix the keys and run again.
    public static func reseal(cipher: FieldCipher, on db: any Database, writes: WriteSerializer) async throws -> Tally {
        guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        var tally = Tally()
        let current = "v1:\(cipher.current.id):"
        for (table, names) in columns {
            for column in names {
                let rows = try await sql.raw("""
                    SELECT id, \(ident: column) AS sealed FROM \(ident: table) WHERE \(ident: column) LIKE 'v1:%'
                    """).all()
                for row in rows {
                    tally.checked += 1
                    let old = try row.decode(column: "sealed", as: String.self)
                    guard !old.hasPrefix(current) else { continue }
                    let id = try row.decode(column: "id", as: UUID.self)
                    let fresh = try cipher.seal(try cipher.open(old))
                    try await writes.transaction(on: db) { db in
                        try await (db as! any SQLDatabase).raw("""
                            UPDATE \(ident: table) SET \(ident: column) = \(bind: fresh) WHERE id = \(bind: id) AND \(ident: column) = \(bind: old)
                            """).run()
                    }
                    tally.resealed += 1
                }
            }
        }
        return tally
    }
}
