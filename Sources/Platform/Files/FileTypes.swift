import Foundation

/// Which files may be uploaded (DESIGN §1 Platform/Files): pictures, PDF, office documents,
/// plain text, CSV and ZIP — each checked against its magic bytes where that is cheap, so a
/// declared type cannot hide another kind of content.
public enum FileTypes {
    /// 10 MiB.
    public static let maximumBytes = 10 * 1024 * 1024
    /// ``maximumBytes`` as the error message shows it.
    public static let maximumText = "10 MB"

    private static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let emptyZip: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    private static let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// How to recognise the content of each allowed type.
    private static let checks: [String: @Sendable ([UInt8]) -> Bool] = [
        "image/png": { $0.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) },
        "image/jpeg": { $0.starts(with: [0xFF, 0xD8, 0xFF]) },
        "image/webp": { $0.count >= 12 && $0[0..<4].elementsEqual(Array("RIFF".utf8)) && $0[8..<12].elementsEqual(Array("WEBP".utf8)) },
        "image/gif": { $0.starts(with: Array("GIF87a".utf8)) || $0.starts(with: Array("GIF89a".utf8)) },
        "image/heic": isoMedia,
        "image/heif": isoMedia,
        "application/pdf": { $0.starts(with: Array("%PDF-".utf8)) },
        "application/zip": isZip,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": isZip,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": isZip,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": isZip,
        "application/vnd.oasis.opendocument.text": isZip,
        "application/vnd.oasis.opendocument.spreadsheet": isZip,
        "application/vnd.oasis.opendocument.presentation": isZip,
        "application/msword": { $0.starts(with: ole) },
        "application/vnd.ms-excel": { $0.starts(with: ole) },
        "application/vnd.ms-powerpoint": { $0.starts(with: ole) },
        "text/plain": isText,
        "text/csv": isText,
    ]

    /// Other names clients send for an allowed type.
    private static let aliases = ["image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "application/x-zip-compressed": "application/zip",
                                  "application/x-zip": "application/zip", "application/csv": "text/csv"]

    /// The allowed types, sorted.
    public static var allowed: [String] { checks.keys.sorted() }

    /// `type/subtype` of a `Content-Type` header value, lower-cased, parameters dropped, aliases
    /// resolved; nil when it is not an allowed type.
    public static func normalise(_ header: String?) -> String? {
        guard let header else { return nil }
        let bare = header.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let type = aliases[bare] ?? bare
        return checks[type] == nil ? nil : type
    }

    /// Whether `data` looks like an allowed `type` (from ``normalise(_:)``).
    public static func matches(_ type: String, _ data: Data) -> Bool {
        guard let check = checks[type] else { return false }
        return check([UInt8](data.prefix(8192)))
    }

    /// ISO base media (HEIC/HEIF): `ftyp` at offset 4.
    private static let isoMedia: @Sendable ([UInt8]) -> Bool = { $0.count >= 12 && $0[4..<8].elementsEqual(Array("ftyp".utf8)) }
    private static let isZip: @Sendable ([UInt8]) -> Bool = { $0.starts(with: zip) || $0.starts(with: emptyZip) }
    /// Text: no NUL byte in the first 8 KiB.
    private static let isText: @Sendable ([UInt8]) -> Bool = { !$0.contains(0) }
}
