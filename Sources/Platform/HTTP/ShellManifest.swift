import Crypto
import Foundation
import NIOConcurrencyHelpers

/// The web app's shell as the service worker caches it: every file under the public folder and a
/// version that changes whenever any of them changes.
///
/// Served at `GET /app-shell.json` as `{"version": "<16 hex>", "files": ["/", "/app/main.js", …]}`
/// (`Cache-Control: no-store`). The service worker precaches `files` under a cache named by
/// `version` and is registered as `/sw.js?v=<version>`, so a new version installs beside the old one
/// and the page never mixes modules of two versions (the pattern of Workbox's precache manifest,
/// without its build step). The version is SHA-256 over each file's path and bytes; it is computed
/// again only when a file's modification time, size or the number of files changes, so editing a
/// file during development gives a new version without a restart.
public final class ShellManifest: Sendable {
    public static let path = "/app-shell.json"

    /// What one computation produced, and the stamp of the folder it was made from.
    struct Snapshot: Sendable {
        var stamp: [String: String]
        var json: String
    }

    let root: URL
    private let cached = NIOLockedValueBox<Snapshot?>(nil)

    public init(publicDirectory: String) {
        root = URL(fileURLWithPath: publicDirectory, isDirectory: true).standardizedFileURL
    }

    /// The manifest's JSON text (see the type's documentation).
    public func json() -> String {
        let files = Self.listing(root)
        let stamp = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.stamp) })
        if let snapshot = cached.withLockedValue({ $0 }), snapshot.stamp == stamp { return snapshot.json }
        var hash = SHA256()
        for file in files {
            hash.update(data: Data(file.path.utf8))
            hash.update(data: Data([0]))
            hash.update(data: (try? Data(contentsOf: file.url)) ?? Data())
        }
        let version = hash.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
        // index.html is the shell's page: the worker answers every navigation with it.
        let paths = ["/"] + files.map(\.path).filter { $0 != "/index.html" && $0 != "/sw.js" }
        let body: [String: Any] = ["version": version, "files": paths]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        let json = String(decoding: data, as: UTF8.self)
        cached.withLockedValue { $0 = Snapshot(stamp: stamp, json: json) }
        return json
    }

    struct File {
        var path: String
        var url: URL
        var stamp: String
    }

    /// Regular files under `root`, sorted by path; hidden files and folders (`.DS_Store`, `.git`) are not part of the shell.
    static func listing(_ root: URL) -> [File] {
        let keys: [URLResourceKey] = [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { return [] }
        var files: [File] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(prefix) else { continue }
            let relative = String(full.dropFirst(prefix.count))
            let stamp = "\(values.contentModificationDate?.timeIntervalSince1970 ?? 0)/\(values.fileSize ?? 0)"
            files.append(File(path: "/" + relative, url: url, stamp: stamp))
        }
        return files.sorted { $0.path < $1.path }
    }
}
