import Foundation

// What the OpenAPI document says of the chatter's request bodies beyond their Codable shape.

extension SchemaPattern {
    /// Multi-line text (``text``) with at least one character that is not white space: a comment.
    public static let note = #"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]*"#
        + #"[^\s\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]"#
        + #"[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]*$"#
}

/// The text of a comment: required, not blank, at most ``RecordCommentInput/textMaximum`` characters.
private let commentText = SchemaRefinement(required: true, minLength: 1, maxLength: RecordCommentInput.textMaximum, pattern: SchemaPattern.note)
private let mentionRefinement = SchemaRefinement(maxItems: RecordCommentInput.mentionsMaximum)

extension RecordCommentInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["text": commentText, "mentions": mentionRefinement] }
}

extension RecordCommentUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["text": commentText, "mentions": mentionRefinement, "version": .required] }
}

extension RecordAttachInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["fileId": .required] }
}
