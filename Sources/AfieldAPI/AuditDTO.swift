import Foundation

/// One audit log entry as the viewer and the History tabs show it.
///
/// `ip` and `userAgent` are sent only to holders of `audit.entry.read`: where a change came from
/// is the auditor's business, not everyone's who may open the record.
public struct AuditEntryDTO: Codable, Sendable {
    public var seq: Int64
    /// ISO 8601 UTC.
    public var at: String
    public var actorId: UUID?
    public var actorName: String
    public var onBehalfOf: UUID?
    public var entity: String
    public var entityId: UUID?
    public var action: String
    /// Changed fields: `{"email":{"before":"a@…","after":"b@…"}}`.
    public var changes: [String: FieldChange]
    /// `web`, `api`, `import` or `system`.
    public var source: String
    public var ip: String?
    /// The client's `User-Agent` (at most 300 characters).
    public var userAgent: String?
    public var requestId: String?
    /// The kind of record in the caller's language: `Sales order`, `销售订单`.
    public var entityLabel: String?
    /// The record's human name or number when it can be named: `SO-1997-10248`, `Alfreds Futterkiste`.
    public var entityName: String?
    /// The entry as a sentence in the caller's language: `Confirmed sales order SO-1997-10248`,
    /// `Signed in`, `确认了销售订单 SO-1997-10248`.
    public var summary: String?

    public struct FieldChange: Codable, Sendable, Equatable {
        public var before: String?
        public var after: String?
        public init(before: String?, after: String?) {
            self.before = before
            self.after = after
        }
    }

    public init(seq: Int64, at: String, actorId: UUID?, actorName: String, onBehalfOf: UUID?, entity: String, entityId: UUID?, action: String,
                changes: [String: FieldChange], source: String, ip: String?, userAgent: String? = nil, requestId: String?,
                entityLabel: String? = nil, entityName: String? = nil, summary: String? = nil) {
        self.seq = seq
        self.at = at
        self.actorId = actorId
        self.actorName = actorName
        self.onBehalfOf = onBehalfOf
        self.entity = entity
        self.entityId = entityId
        self.action = action
        self.changes = changes
        self.source = source
        self.ip = ip
        self.userAgent = userAgent
        self.requestId = requestId
        self.entityLabel = entityLabel
        self.entityName = entityName
        self.summary = summary
    }
}

/// A kind of record the audit log names (`sales.order` → "Sales order"), for the viewer's filter.
public struct AuditEntityLabel: Codable, Sendable, Equatable {
    public var entity: String
    public var label: String

    public init(entity: String, label: String) {
        self.entity = entity
        self.label = label
    }
}
