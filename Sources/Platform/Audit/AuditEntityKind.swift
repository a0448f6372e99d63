import Fluent
import Foundation
import SQLKit

/// How the audit log speaks of one kind of record a module writes (``AfieldModule/auditEntities``):
/// its label, the sentence for each of its own actions, and how to name its records.
///
/// The viewer shows each entry as a sentence in the reader's language — "Confirmed sales order
/// SO-1997-10248", "Approved approval request “SO-2026-00042 · ALFKI · 36.00 USD”", "Signed in".
/// Names are looked up when the log is read, not stored in entries: the hash chain stays as it
/// is, old entries read as well as new ones, and a renamed record shows its name of today.
public struct AuditEntityKind: Sendable {
    /// The audit entity, e.g. `sales.order`.
    public var entity: String
    /// "Sales order" / "销售订单": capitalised as at the start of a sentence.
    public var label: MessageCatalog.Entry
    /// Sentences for this kind's own actions by action code (`confirm`; `confirm>pending` for the
    /// action when it left the record in that state), with `{entity}` (the label) and `{name}`
    /// (the record's name, or nothing) placeholders: "Confirmed {entity}{name}".
    /// Actions not listed use ``AuditSentences/common`` (create, update, delete, …).
    public var actions: [String: MessageCatalog.Entry]
    /// Whether names are quoted in sentences: free text is (“Alfreds Futterkiste”), document
    /// numbers are not (SO-1997-10248).
    public var quotesNames: Bool
    /// Looks names up; nil when records of this kind have no name worth showing.
    public var names: AuditNameLookup?

    public init(_ entity: String, label: MessageCatalog.Entry, actions: [String: MessageCatalog.Entry] = [:], quotesNames: Bool = true,
                names: AuditNameLookup? = nil) {
        self.entity = entity
        self.label = label
        self.actions = actions
        self.quotesNames = quotesNames
        self.names = names
    }
}

/// Finds the display names of the records `ids` of a company that still exist (others are left out).
public struct AuditNameLookup: Sendable {
    public let lookUp: @Sendable (_ ids: [UUID], _ tenantID: UUID, _ db: any Database) async throws -> [UUID: String]

    public init(_ lookUp: @escaping @Sendable (_ ids: [UUID], _ tenantID: UUID, _ db: any Database) async throws -> [UUID: String]) {
        self.lookUp = lookUp
    }

    /// Names read from one text column of the kind's table, which has `id` and `tenant_id`
    /// columns: `.column("number", in: "sales_orders")`.
    public static func column(_ column: String, in table: String) -> AuditNameLookup {
        AuditNameLookup { ids, tenantID, db in
            guard let sql = db as? any SQLDatabase, !ids.isEmpty else { return [:] }
            let rows = try await sql.select().column("id").column(SQLAlias(SQLColumn(column), as: SQLIdentifier("name")))
                .from(table).where("tenant_id", .equal, tenantID).where("id", .in, ids).all()
            var names: [UUID: String] = [:]
            for row in rows {
                if let name = try row.decode(column: "name", as: String?.self), !name.isEmpty {
                    names[try row.decode(column: "id", as: UUID.self)] = name
                }
            }
            return names
        }
    }
}
