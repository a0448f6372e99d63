import AfieldAPI
import Fluent
import Foundation
import SQLKit

extension Chatter {
    /// The record's followers by name.
    func followerRefs(_ entity: String, _ id: UUID) async throws -> [PersonRef] {
        let rows = try await RecordFollower.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$entity == entity)
            .filter(\.$recordID == id).all()
        let names = try await userNames(rows.map(\.userID), on: db)
        return rows.compactMap { row in names[row.userID].map { PersonRef(id: row.userID, name: $0) } }
            .sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }

    /// Makes `users` (of the caller's company) follow the record, inside `tx`.
    /// - Returns: those who did not follow it before.
    func addFollowers(_ users: [UUID], entity: String, record id: UUID, on tx: any Database) async throws -> [UUID] {
        var wanted = users.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        guard !wanted.isEmpty else { return [] }
        let known = Set(try await User.query(on: tx).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ wanted).all().compactMap(\.id))
        let already = Set(try await RecordFollower.query(on: tx).filter(\.$tenantID == reader.tenantID).filter(\.$entity == entity)
            .filter(\.$recordID == id).filter(\.$userID ~~ wanted).all().map(\.userID))
        wanted = wanted.filter { known.contains($0) && !already.contains($0) }
        for user in wanted {
            let row = RecordFollower()
            row.id = UUID()
            row.tenantID = reader.tenantID
            row.entity = entity
            row.recordID = id
            row.userID = user
            row.createdAt = now
            try await row.create(on: tx)
        }
        return wanted
    }

    /// The caller follows the record (again nothing changes and nothing is audited).
    /// - Returns: the followers after.
    public func follow(_ entity: String, _ id: UUID) async throws -> [PersonRef] {
        _ = try await readableKind(entity, id)
        try await writes.transaction(on: db) { [self] tx in
            guard try await !addFollowers([reader.userID], entity: entity, record: id, on: tx).isEmpty else { return }
            var changes = AuditChanges()
            changes.created([("record", "\(entity):\(id)"), ("user", reader.name)])
            try await AuditLog.append(entity: Self.followerEntity, entityID: id, action: "follow", changes: changes, context: audit, on: tx)
        }
        return try await followerRefs(entity, id)
    }

    /// The caller stops following the record (when not following, nothing changes).
    /// - Returns: the followers after.
    public func unfollow(_ entity: String, _ id: UUID) async throws -> [PersonRef] {
        _ = try await readableKind(entity, id)
        try await writes.transaction(on: db) { [self] tx in
            guard let row = try await RecordFollower.query(on: tx).filter(\.$tenantID == reader.tenantID).filter(\.$entity == entity)
                .filter(\.$recordID == id).filter(\.$userID == reader.userID).first() else { return }
            try await row.delete(on: tx)
            var changes = AuditChanges()
            changes.set("record", "\(entity):\(id)", nil)
            changes.set("user", reader.name, nil)
            try await AuditLog.append(entity: Self.followerEntity, entityID: id, action: "unfollow", changes: changes, context: audit, on: tx)
        }
        return try await followerRefs(entity, id)
    }

    /// Colleagues the caller may @mention on the record: active users of the company who may
    /// read it, matching `text` in their name or e-mail, by name, at most `limit`; the caller
    /// is left out.
    public func mentionable(_ entity: String, _ id: UUID, text: String?, limit: Int = 10) async throws -> [PersonRef] {
        let kind = try await readableKind(entity, id)
        let query = User.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$active == true).filter(\.$id != reader.userID)
        if let text, !text.isEmpty {
            query.group(.or) { group in
                group.filter("name", containsLiteral: text)
                group.filter("email", containsLiteral: text.lowercased())
            }
        }
        // Looked at in pages of candidates, so a company of thousands costs a few queries.
        var found: [PersonRef] = []
        var offset = 0
        let page = 50
        while found.count < limit {
            let users = try await query.copy().sort(\.$name).sort(\.$id).range(offset..<(offset + page)).all()
            if users.isEmpty { break }
            let readers = try await RecordReader.load(users: users.compactMap(\.id), tenantID: reader.tenantID, settings: settings, on: db)
            for user in users {
                guard let colleague = readers[user.id!], try await kind.canRead(id, by: colleague, on: db) else { continue }
                found.append(PersonRef(id: user.id!, name: user.name))
                if found.count == limit { break }
            }
            offset += page
            if offset >= 500 { break }
        }
        return found
    }
}
