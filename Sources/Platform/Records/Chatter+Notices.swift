import AfieldAPI
import Fluent
import Foundation

extension Chatter {
    /// Notification kind of an @mention (a kind of ``NotificationPreferences``).
    public static let mentionKind = "mention"
    /// Notification kind of a new comment on a followed record.
    public static let commentKind = "record.comment"

    /// After a new comment: the people mentioned get a mention; the other followers who may
    /// still read the record get a comment notice. Never the author. Inside the comment's
    /// transaction, so nobody is told of a comment that rolled back.
    func notify(kind: RecordKind, record id: UUID, text: String, mentioned: [UUID], on tx: any Database) async throws {
        try await notifyMentions(kind: kind, record: id, text: text, users: mentioned, on: tx)
        let followers = try await RecordFollower.query(on: tx).filter(\.$tenantID == reader.tenantID).filter(\.$entity == kind.key)
            .filter(\.$recordID == id).all().map(\.userID).filter { $0 != reader.userID && !mentioned.contains($0) }
        guard !followers.isEmpty else { return }
        // A follower who has since lost access (a new role, another department) is not told.
        let readers = try await RecordReader.load(users: followers, tenantID: reader.tenantID, settings: settings, on: tx)
        var told: [UUID] = []
        for user in followers {
            if let colleague = readers[user], try await kind.canRead(id, by: colleague, on: tx) { told.append(user) }
        }
        guard !told.isEmpty else { return }
        try await notifications.send(message(kind: kind, record: id, code: "records.comment", noticeKind: Self.commentKind, text: text, on: tx),
                                     to: told, tenantID: reader.tenantID, on: tx)
    }

    /// Tells `users` (never the author) that they were mentioned.
    func notifyMentions(kind: RecordKind, record id: UUID, text: String, users: [UUID], on tx: any Database) async throws {
        let others = users.filter { $0 != reader.userID }
        guard !others.isEmpty else { return }
        try await notifications.send(message(kind: kind, record: id, code: "records.mention", noticeKind: Self.mentionKind, text: text, on: tx),
                                     to: others, tenantID: reader.tenantID, on: tx)
    }

    /// The notice: its title and body are message codes, rendered in each reader's language
    /// when read; the record's name and the start of the comment are its params.
    private func message(kind: RecordKind, record id: UUID, code: String, noticeKind: String, text: String, on tx: any Database) async throws
        -> NotificationMessage {
        let name = try await recordName(kind, id, on: tx)
        let excerpt = text.count > 200 ? String(text.prefix(199)) + "…" : text
        return NotificationMessage(kind: noticeKind, code: code, params: ["actor": reader.name, "record": name, "text": excerpt],
                                   link: try await kind.link(id, tx), entity: kind.key, entityID: id)
    }
}
