import Fluent
import Foundation
import Platform

/// Files attached to a comment or a decision: uploaded (`POST /api/v1/files`) to the caller's
/// company and readable by the caller (their own upload, or a file of a record they may read),
/// so that attaching cannot open someone else's file to the instance's participants.
enum Attachments {
    /// - Returns: the ids, without repeats, in order.
    /// - Throws: 422 on `attachments`: more than 20, or an id that is not a file the caller may read.
    static func check(_ ids: [UUID]?, reader: RecordReader, kinds: RecordKinds, on db: any Database) async throws -> [UUID] {
        let unique = (ids ?? []).reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        guard !unique.isEmpty else { return [] }
        guard unique.count <= 20 else { throw DomainError.invalid([.init("attachments", "approvals.attachments_too_many")]) }
        let readable = try await FileAccess.readable(unique, by: reader, kinds: kinds, on: db)
        guard readable.count == unique.count else { throw DomainError.invalid([.init("attachments", "approvals.attachment_unknown")]) }
        return unique
    }
}
