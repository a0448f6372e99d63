import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Content-addressed files on disk (DESIGN §1 Platform/Files): each distinct content is stored
/// once, at `<root>/ab/cd/abcdef…` by its SHA-256, so the same bytes uploaded twice share one file.
///
/// A blob is written to `<root>/tmp/` first, flushed to disk and then renamed into place, so a
/// crash never leaves a partial file under a content address. Blobs are never changed; a blob
/// whose upload rolled back stays unreferenced (collecting those is left for later).
public struct BlobStore: Sendable {
    /// The folder holding the blobs (created on the first ``put(_:)``).
    public let root: URL

    public init(root: URL) { self.root = root }

    /// Lower-case hex SHA-256 of `data` (64 characters).
    public static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Where the blob of `sha256` lives (whether or not it exists).
    public func url(for sha256: String) -> URL {
        let hex = sha256.lowercased()
        return root.appendingPathComponent(String(hex.prefix(2)), isDirectory: true)
            .appendingPathComponent(String(hex.dropFirst(2).prefix(2)), isDirectory: true)
            .appendingPathComponent(hex)
    }

    /// Whether the blob of `sha256` is stored.
    public func contains(_ sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: url(for: sha256).path)
    }

    /// Stores `data` unless the same content is already there; blocking file I/O (call it off
    /// the event loop).
    /// - Returns: its SHA-256 (hex) and size in bytes.
    /// - Throws: ``Problem`` when the file cannot be written.
    @discardableResult
    public func put(_ data: Data) throws -> (sha256: String, size: Int64) {
        let sha = Self.sha256(of: data)
        let target = url(for: sha)
        if FileManager.default.fileExists(atPath: target.path) { return (sha, Int64(data.count)) }
        let temporaryFolder = root.appendingPathComponent("tmp", isDirectory: true)
        try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = temporaryFolder.appendingPathComponent(UUID().uuidString + ".part")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o640)
        guard fd >= 0 else { throw Problem.cannotWrite(temporary.path, errno) }
        var failure: Int32?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        close(fd)
        // rename(2) is atomic: readers see no file or the whole file, never part of one.
        if failure == nil, rename(temporary.path, target.path) != 0 { failure = errno }
        if let failure {
            unlink(temporary.path)
            throw Problem.cannotWrite(target.path, failure)
        }
        return (sha, Int64(data.count))
    }

    /// The bytes of a stored blob.
    /// - Throws: ``Problem/missing`` when it is not stored.
    public func read(_ sha256: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url(for: sha256).path) else { throw Problem.missing(sha256) }
        return data
    }

    /// Why a blob could not be stored or read.
    public enum Problem: Error, CustomStringConvertible {
        case cannotWrite(String, Int32)
        case missing(String)

        public var description: String {
            switch self {
            case .cannotWrite(let path, let code): "cannot write \(path): \(String(cString: strerror(code)))"
            case .missing(let sha): "blob \(sha) is not stored"
            }
        }
    }
}
