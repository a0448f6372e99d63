import AfieldAPI
import Fluent
import Foundation
import Vapor

/// The chatter of records (comments, @mentions, followers, attachments) for one caller, without
/// a Vapor `Request`: a route, a job or an import builds one from values (DESIGN §1 "services
/// take their dependencies as values").
///
/// Every operation first asks the record's ``RecordKind`` whether the caller may read the
/// record, and answers 404 `not_found` (entity `record`) when not — also for an unknown kind, a
/// record of another company or no record at all, so existence never leaks.
public struct Chatter: Sendable {
    /// Reads go through it (inside a write, the write's transaction is used).
    public let db: any Database
    public let writes: WriteSerializer
    public let reader: RecordReader
    public let audit: AuditContext
    public let kinds: RecordKinds
    /// Roles and catalogs, to judge colleagues as readers (mentions, followers).
    public let settings: AfieldSettings
    public let notifications: NotificationCentre
    public let now: Date

    public init(db: any Database, writes: WriteSerializer, reader: RecordReader, audit: AuditContext, kinds: RecordKinds, settings: AfieldSettings,
                notifications: NotificationCentre, now: Date) {
        self.db = db
        self.writes = writes
        self.reader = reader
        self.audit = audit
        self.kinds = kinds
        self.settings = settings
        self.notifications = notifications
        self.now = now
    }

    /// Audit entity of comments.
    public static let commentEntity = "records.comment"
    /// Audit entity of following and unfollowing.
    public static let followerEntity = "records.follower"
    /// Audit entity of attaching and detaching files.
    public static let attachmentEntity = "records.attachment"

    /// The kind of `entity`, when the caller may read record `id` of it.
    /// - Parameter chatter: whether the operation is one of comments or followers, which kinds
    ///   with their own timeline (``RecordKind/chatter`` false) do not offer.
    /// - Throws: 404 `not_found` otherwise.
    public func readableKind(_ entity: String, _ id: UUID, chatter: Bool = true) async throws -> RecordKind {
        guard let kind = kinds.kind(entity), !chatter || kind.chatter, try await kind.canRead(id, by: reader, on: db) else {
            throw DomainError.notFound("record")
        }
        return kind
    }

    /// Everything the chatter column shows: comments (newest first, at most 200), attachments
    /// (newest first), followers (by name) and whether the caller follows.
    public func overview(_ entity: String, _ id: UUID) async throws -> RecordChatterDTO {
        _ = try await readableKind(entity, id)
        let followers = try await followerRefs(entity, id)
        return RecordChatterDTO(comments: try await comments(entity, id, limit: 200), attachments: try await attachments(entity, id, checked: true),
                                followers: followers, following: followers.contains { $0.id == reader.userID })
    }

    /// Names of users by id (users of the caller's company only).
    func userNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.name) })
    }

    /// The record's name for notifications ("SO-2026-00042"); empty when the kind names none.
    func recordName(_ kind: RecordKind, _ id: UUID, on db: any Database) async throws -> String {
        try await kind.names?.lookUp([id], reader.tenantID, db)[id] ?? ""
    }
}

extension Request {
    /// The chatter as the caller of this request uses it.
    public var chatter: Chatter {
        get throws {
            Chatter(db: database, writes: application.afieldWrites, reader: RecordReader(actor: try actor), audit: try auditContext,
                    kinds: application.recordKinds, settings: application.afield, notifications: notificationCentre, now: now)
        }
    }
}
