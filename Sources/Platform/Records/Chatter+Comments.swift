import AfieldAPI
import Fluent
import Foundation

extension Chatter {
    /// Comments on the record, newest first (at most `limit`). The record's access is the
    /// caller's to check (``readableKind(_:_:chatter:)``).
    func comments(_ entity: String, _ id: UUID, limit: Int) async throws -> [RecordCommentDTO] {
        let rows = try await RecordComment.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$entity == entity)
            .filter(\.$recordID == id).sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit).all()
        return rows.map(dto)
    }

    func dto(_ row: RecordComment) -> RecordCommentDTO {
        let mentions = (try? JSONDecoder().decode([PersonRef].self, from: Data(row.mentions.utf8))) ?? []
        return RecordCommentDTO(id: row.id!, authorId: row.authorID, authorName: row.authorName, text: row.text, mentions: mentions,
                                createdAt: row.createdAt, editedAt: row.editedAt, version: row.version, mine: row.authorID == reader.userID)
    }

    /// Posts a comment. The author follows the record from then on; so do the people mentioned
    /// (as in Odoo). On a record's first comment its module's default followers (its creator)
    /// are added too. The people mentioned are notified (kind `mention`), the other followers
    /// who may still read the record too (kind `record.comment`); never the author.
    /// - Throws: 404 for a record the caller may not read; 422 on `text` (empty, too long,
    ///   control characters) and `mentions` (too many, not a colleague, one who may not read
    ///   the record).
    public func post(_ entity: String, _ id: UUID, _ input: RecordCommentInput) async throws -> RecordCommentDTO {
        let kind = try await readableKind(entity, id)
        let text = try Self.cleanText(input.text)
        let mentioned = try await checkMentions(input.mentions, kind: kind, record: id)
        let row = try await writes.transaction(on: db) { [self] tx in
            let first = try await RecordComment.query(on: tx).filter(\.$tenantID == reader.tenantID).filter(\.$entity == entity)
                .filter(\.$recordID == id).count() == 0
            let row = RecordComment()
            row.id = UUID()
            row.tenantID = reader.tenantID
            row.entity = entity
            row.recordID = id
            row.authorID = reader.userID
            row.authorName = reader.name
            row.text = text
            row.mentions = try Self.json(mentioned)
            row.createdAt = now
            row.version = 1
            try await row.create(on: tx)
            var following = [reader.userID] + mentioned.map(\.id)
            if first, let defaults = kind.defaultFollowers { following = try await defaults(id, tx) + following }
            let added = try await addFollowers(following, entity: entity, record: id, on: tx)
            let addedNames = try await userNames(added, on: tx).values.sorted().joined(separator: ", ")
            var changes = AuditChanges()
            changes.created([("record", "\(entity):\(id)"), ("text", text), ("mentions", mentioned.isEmpty ? nil : mentioned.map(\.name).joined(separator: ", ")),
                             ("followersAdded", addedNames.isEmpty ? nil : addedNames)])
            try await AuditLog.append(entity: Self.commentEntity, entityID: row.id, action: "create", changes: changes, context: audit, on: tx)
            try await notify(kind: kind, record: id, text: text, mentioned: mentioned.map(\.id), on: tx)
            return row
        }
        return dto(row)
    }

    /// Changes the text (and mentions) of one's own comment, with the `version` read; people
    /// newly mentioned are notified and follow the record.
    /// - Throws: 404 (record or comment not found), 403 `records.comment.not_author`, 409 on a
    ///   stale version, 422 as for ``post(_:_:_:)`` and on a missing `version`.
    public func edit(_ entity: String, _ id: UUID, comment commentID: UUID, _ update: RecordCommentUpdate) async throws -> RecordCommentDTO {
        let kind = try await readableKind(entity, id)
        guard let version = update.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let text = try Self.cleanText(update.text)
        let mentioned = try await checkMentions(update.mentions, kind: kind, record: id)
        let row = try await writes.transaction(on: db) { [self] tx in
            let row = try await ownComment(commentID, entity: entity, record: id, on: tx)
            guard row.version == version else { throw DomainError.staleVersion("comment", current: dto(row)) }
            let before = (try? JSONDecoder().decode([PersonRef].self, from: Data(row.mentions.utf8))) ?? []
            let newlyMentioned = mentioned.filter { person in !before.contains { $0.id == person.id } }
            var changes = AuditChanges()
            changes.set("text", row.text, text)
            changes.set("mentions", before.map(\.name).joined(separator: ", "), mentioned.map(\.name).joined(separator: ", "))
            guard !changes.isEmpty else { return row }
            row.text = text
            row.mentions = try Self.json(mentioned)
            row.editedAt = now
            row.version += 1
            try await row.save(on: tx)
            _ = try await addFollowers(newlyMentioned.map(\.id), entity: entity, record: id, on: tx)
            try await AuditLog.append(entity: Self.commentEntity, entityID: row.id, action: "update", changes: changes, context: audit, on: tx)
            if !newlyMentioned.isEmpty {
                try await notifyMentions(kind: kind, record: id, text: text, users: newlyMentioned.map(\.id), on: tx)
            }
            return row
        }
        return dto(row)
    }

    /// Deletes one's own comment (its text stays in the audit log). With `version`, a stale
    /// one answers 409.
    /// - Throws: 404 (record or comment not found), 403 `records.comment.not_author`, 409.
    public func delete(_ entity: String, _ id: UUID, comment commentID: UUID, version: Int?) async throws {
        _ = try await readableKind(entity, id)
        try await writes.transaction(on: db) { [self] tx in
            let row = try await ownComment(commentID, entity: entity, record: id, on: tx)
            if let version, row.version != version { throw DomainError.staleVersion("comment", current: dto(row)) }
            var changes = AuditChanges()
            changes.set("record", "\(entity):\(id)", nil)
            changes.set("text", row.text, nil)
            try await row.delete(on: tx)
            try await AuditLog.append(entity: Self.commentEntity, entityID: commentID, action: "delete", changes: changes, context: audit, on: tx)
        }
    }

    private func ownComment(_ commentID: UUID, entity: String, record id: UUID, on tx: any Database) async throws -> RecordComment {
        guard let row = try await RecordComment.query(on: tx).filter(\.$id == commentID).filter(\.$tenantID == reader.tenantID)
            .filter(\.$entity == entity).filter(\.$recordID == id).first()
        else { throw DomainError.notFound("comment") }
        // Odoo lets authors edit their own messages; nobody edits another's words.
        guard row.authorID == reader.userID else { throw DomainError(status: 403, code: "records.comment.not_author") }
        return row
    }

    /// The text of a comment: trimmed, line breaks kept, 1–``RecordCommentInput/textMaximum`` characters.
    static func cleanText(_ raw: String?) throws -> String {
        switch TextInput.note(raw, max: RecordCommentInput.textMaximum) {
        case .success(let text?): return text
        case .success(nil): throw DomainError.invalid([.init("text", "field.required")])
        case .failure(let problem): throw DomainError.invalid([problem.field("text")])
        }
    }

    /// The people mentioned, in order without repeats, with their names.
    /// - Throws: 422 on `mentions`: more than ``RecordCommentInput/mentionsMaximum``, not an
    ///   active user of the company (`records.mention_unknown`), or one who may not read the
    ///   record (`records.mention_cannot_read`, naming them): a mention must not show them what
    ///   they may not see.
    func checkMentions(_ ids: [UUID]?, kind: RecordKind, record id: UUID) async throws -> [PersonRef] {
        let unique = (ids ?? []).reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        guard !unique.isEmpty else { return [] }
        guard unique.count <= RecordCommentInput.mentionsMaximum else {
            throw DomainError.invalid([.init("mentions", "records.mentions_too_many", params: ["max": String(RecordCommentInput.mentionsMaximum)])])
        }
        let readers = try await RecordReader.load(users: unique, tenantID: reader.tenantID, settings: settings, on: db)
        guard readers.count == unique.count else { throw DomainError.invalid([.init("mentions", "records.mention_unknown")]) }
        var people: [PersonRef] = []
        for user in unique {
            let colleague = readers[user]!
            guard try await kind.canRead(id, by: colleague, on: db) else {
                throw DomainError.invalid([.init("mentions", "records.mention_cannot_read", params: ["name": colleague.name])])
            }
            people.append(PersonRef(id: user, name: colleague.name))
        }
        return people
    }

    static func json(_ people: [PersonRef]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(people), as: UTF8.self)
    }
}
