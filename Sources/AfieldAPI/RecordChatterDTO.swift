import Foundation

// The chatter every record page gets from the platform (`/api/v1/records/{entity}/{id}/…`):
// comments with @mentions, followers and attachments, as Odoo's chatter (mail.thread) and
// DingTalk's 评论 give every document. `entity` is the record kind, e.g. `sales.order`,
// `partners.partner`.

/// One comment on a record. `text` is multi-line plain text; `mentions` are the colleagues
/// chosen in the picker (they were notified).
public struct RecordCommentDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var authorId: UUID?
    public var authorName: String
    public var text: String
    public var mentions: [PersonRef]
    /// ISO 8601 UTC.
    public var createdAt: Date
    /// When the author last changed the text (ISO 8601 UTC); nil when never.
    public var editedAt: Date?
    /// Send it back to change or delete the comment; a stale one answers 409.
    public var version: Int
    /// Whether the caller wrote it (and so may change or delete it).
    public var mine: Bool

    public init(id: UUID, authorId: UUID?, authorName: String, text: String, mentions: [PersonRef], createdAt: Date, editedAt: Date?,
                version: Int, mine: Bool) {
        self.id = id
        self.authorId = authorId
        self.authorName = authorName
        self.text = text
        self.mentions = mentions
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.version = version
        self.mine = mine
    }
}

/// `POST /api/v1/records/{entity}/{id}/comments`: the text (1–4,000 characters, line breaks
/// allowed) and the people mentioned (at most 20 colleagues who may read the record).
public struct RecordCommentInput: Codable, Sendable {
    /// Longest comment, in characters.
    public static let textMaximum = 4000
    /// Most people mentioned in one comment.
    public static let mentionsMaximum = 20

    public var text: String?
    public var mentions: [UUID]?

    public init(text: String?, mentions: [UUID]? = nil) {
        self.text = text
        self.mentions = mentions
    }
}

/// `PATCH /api/v1/records/{entity}/{id}/comments/{commentId}`: the new text and mentions (people
/// newly mentioned are notified) with the `version` read.
public struct RecordCommentUpdate: Codable, Sendable {
    public var text: String?
    public var mentions: [UUID]?
    public var version: Int?

    public init(text: String?, mentions: [UUID]? = nil, version: Int?) {
        self.text = text
        self.mentions = mentions
        self.version = version
    }
}

/// `DELETE /api/v1/records/{entity}/{id}/comments/{commentId}?version=…` has no body; the
/// version read is a query parameter.

/// A file tied to a record: only people who may read the record may read it.
public struct RecordAttachmentDTO: Codable, Sendable, Equatable {
    public var file: FileRef
    public var attachedBy: PersonRef
    /// ISO 8601 UTC.
    public var attachedAt: Date

    public init(file: FileRef, attachedBy: PersonRef, attachedAt: Date) {
        self.file = file
        self.attachedBy = attachedBy
        self.attachedAt = attachedAt
    }
}

/// `POST /api/v1/records/{entity}/{id}/attachments`: a file uploaded first with
/// `POST /api/v1/files` (by the caller, or one the caller may read).
public struct RecordAttachInput: Codable, Sendable {
    public var fileId: UUID?
    public init(fileId: UUID?) { self.fileId = fileId }
}

/// Everything the chatter column shows at once: comments newest first, attachments newest
/// first, followers by name, and whether the caller follows.
public struct RecordChatterDTO: Codable, Sendable, Equatable {
    public var comments: [RecordCommentDTO]
    public var attachments: [RecordAttachmentDTO]
    public var followers: [PersonRef]
    public var following: Bool

    public init(comments: [RecordCommentDTO], attachments: [RecordAttachmentDTO], followers: [PersonRef], following: Bool) {
        self.comments = comments
        self.attachments = attachments
        self.followers = followers
        self.following = following
    }
}
