import Foundation

/// An entry of a project's risks and issues log (风险与问题).
/// - `kind`: `risk` (may happen: `probability` and `impact` `low` / `medium` / `high`) or `issue`
///   (has happened: `impact` is its severity).
/// - `state`: `open`, `mitigating`, `closed`.
public struct ProjectLogEntryDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var kind: String
    public var title: String
    public var description: String?
    public var probability: String?
    public var impact: String
    public var state: String
    public var ownerId: UUID?
    public var ownerName: String?
    /// `YYYY-MM-DD`: when it should be dealt with.
    public var dueOn: String?
    public var createdByName: String?
    public var createdAt: Date?
    public var version: Int
    public init(id: UUID, kind: String, title: String, description: String?, probability: String?, impact: String, state: String, ownerId: UUID?,
                ownerName: String?, dueOn: String?, createdByName: String?, createdAt: Date?, version: Int) {
        self.id = id
        self.kind = kind
        self.title = title
        self.description = description
        self.probability = probability
        self.impact = impact
        self.state = state
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.dueOn = dueOn
        self.createdByName = createdByName
        self.createdAt = createdAt
        self.version = version
    }
}

/// `POST /api/v1/projects/projects/{id}/log` (`kind`, `title` required) and, with `version`,
/// `PATCH …/log/{entryId}`: `title` 1–200 characters, `description` up to 5,000, `probability`
/// (risks), `impact`, `state`, `ownerId` (an employee), `dueOn` (`""` clears); `clear` (update
/// only): `ownerId`, `description`.
public struct ProjectLogInput: Codable, Sendable {
    public var version: Int?
    public var kind: String?
    public var title: String?
    public var description: String?
    public var probability: String?
    public var impact: String?
    public var state: String?
    public var ownerId: UUID?
    public var dueOn: String?
    public var clear: [String]?
    public init(version: Int? = nil, kind: String? = nil, title: String? = nil, description: String? = nil, probability: String? = nil, impact: String? = nil,
                state: String? = nil, ownerId: UUID? = nil, dueOn: String? = nil, clear: [String]? = nil) {
        self.clear = clear
        self.version = version
        self.kind = kind
        self.title = title
        self.description = description
        self.probability = probability
        self.impact = impact
        self.state = state
        self.ownerId = ownerId
        self.dueOn = dueOn
    }
}

/// One version of a project document.
public struct ProjectDocumentVersionDTO: Codable, Sendable, Equatable {
    public var version: Int
    public var file: FileRef
    public var note: String?
    public var uploadedByName: String?
    public var at: Date
    public init(version: Int, file: FileRef, note: String?, uploadedByName: String?, at: Date) {
        self.version = version
        self.file = file
        self.note = note
        self.uploadedByName = uploadedByName
        self.at = at
    }
}

/// A project document (项目文档) and its versions, newest first: adding a file under the same
/// name makes its next version; every version stays readable by whoever may see the project.
public struct ProjectDocumentDTO: Codable, Sendable, Equatable {
    public var name: String
    public var versions: [ProjectDocumentVersionDTO]
    public init(name: String, versions: [ProjectDocumentVersionDTO]) {
        self.name = name
        self.versions = versions
    }
}

/// `POST /api/v1/projects/projects/{id}/documents`: an uploaded file (`fileId`, the caller's
/// own upload) as a document — `name` (1–200 characters; default the file's name) and a `note`
/// (one line, at most 200).
public struct ProjectDocumentInput: Codable, Sendable {
    public var fileId: UUID?
    public var name: String?
    public var note: String?
    public init(fileId: UUID?, name: String? = nil, note: String? = nil) {
        self.fileId = fileId
        self.name = name
        self.note = note
    }
}
