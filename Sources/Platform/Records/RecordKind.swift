import Fluent
import Foundation
import Synchronization
import Vapor

/// A kind of record whose pages get the platform's chatter (comments, @mentions, followers,
/// attachments, history) and whose attached files are guarded by the record's own read rule
/// (DESIGN §1: "record pages … built once in Platform and declared by modules").
///
/// The owning module installs it at boot (``RecordKinds/register(_:)``), as it installs its
/// ``ApprovalOutcomeHandler``; Platform never reads the module's tables: it asks ``readable``.
public struct RecordKind: Sendable {
    /// The kind in URLs and link rows, e.g. `sales.order`, `partners.partner`: lower-case words
    /// joined by one dot (``pattern``).
    public var key: String
    /// The audit entity whose entries are the record's history (usually ``key``).
    public var auditEntity: String
    /// Of `ids` (all of company `reader.tenantID`, maybe not existing), the records `reader` may
    /// read: the module's read permission **and** data scope, as its detail route applies them.
    /// Ids of other companies or of no record are left out.
    public var readable: @Sendable (_ reader: RecordReader, _ ids: [UUID], _ db: any Database) async throws -> Set<UUID>
    /// The records' names for notifications ("SO-2026-00042", "Alfreds Futterkiste").
    public var names: AuditNameLookup?
    /// The web app route of a record, e.g. `/orders/<id>`.
    public var link: @Sendable (_ id: UUID, _ db: any Database) async throws -> String
    /// Whether the chatter's comments and followers serve this kind. Approval instances keep
    /// their own timeline (评论 in the engine) and declare `false`: only their attachments'
    /// guard is the platform's.
    public var chatter: Bool
    /// Who follows a record from its first comment on without having chosen to, e.g. the user
    /// who created a sales order (Odoo subscribes a record's creator); they may unfollow.
    public var defaultFollowers: (@Sendable (_ id: UUID, _ db: any Database) async throws -> [UUID])?

    public init(key: String, auditEntity: String? = nil, names: AuditNameLookup? = nil, chatter: Bool = true,
                defaultFollowers: (@Sendable (_ id: UUID, _ db: any Database) async throws -> [UUID])? = nil,
                link: @escaping @Sendable (_ id: UUID, _ db: any Database) async throws -> String,
                readable: @escaping @Sendable (_ reader: RecordReader, _ ids: [UUID], _ db: any Database) async throws -> Set<UUID>) {
        self.key = key
        self.auditEntity = auditEntity ?? key
        self.names = names
        self.chatter = chatter
        self.defaultFollowers = defaultFollowers
        self.link = link
        self.readable = readable
    }

    /// What a kind's key looks like: `module.resource` in lower-case letters and underscores.
    public static let pattern = #"^[a-z][a-z_]{0,39}\.[a-z][a-z_]{0,39}$"#

    /// Whether `reader` may read record `id`.
    public func canRead(_ id: UUID, by reader: RecordReader, on db: any Database) async throws -> Bool {
        try await readable(reader, [id], db).contains(id)
    }
}

/// The record kinds the modules installed, by key. Reach it as `app.recordKinds`.
public final class RecordKinds: Sendable {
    private let kinds = Mutex<[String: RecordKind]>([:])

    public init() {}

    /// Installs `kind` (at boot); a kind of the same key replaces it.
    public func register(_ kind: RecordKind) { kinds.withLock { $0[kind.key] = kind } }

    /// The kind of `key`, if a module installed it.
    public func kind(_ key: String) -> RecordKind? { kinds.withLock { $0[key] } }

    /// Every installed key, sorted.
    public var keys: [String] { kinds.withLock { $0.keys.sorted() } }
}

extension Application {
    private struct RecordKindsKey: StorageKey, LockKey { typealias Value = RecordKinds }

    /// The record kinds of this application (``RecordKinds``).
    public var recordKinds: RecordKinds {
        locks.lock(for: RecordKindsKey.self).withLock {
            if let existing = storage[RecordKindsKey.self] { return existing }
            let made = RecordKinds()
            storage[RecordKindsKey.self] = made
            return made
        }
    }
}
