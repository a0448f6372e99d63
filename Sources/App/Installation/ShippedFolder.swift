import Foundation

/// A folder Afield ships beside its code — the web app (`Public/`) or the demo data
/// (`Demo/northwind/`) — and how to find it without relying on the working directory.
///
/// They are plain folders next to the executable, not SwiftPM resources: a resource bundle is a
/// copy made at build time (an edited web app would be served stale until the next build), and
/// `Bundle.module` stops the process when the bundle is not where the build left it.
public struct ShippedFolder: Sendable {
    /// What the folder holds, for messages: "the web app".
    public let name: String
    /// Its path inside the repository or a distribution folder: `Public`.
    public let relativePath: String
    /// The command-line option that names it: `--public-dir`.
    public let option: String
    /// The environment variable that names it: `AFIELD_PUBLIC_DIR`.
    public let environment: String
    /// Files the folder must hold to be used.
    public let requiredFiles: [String]

    public init(name: String, relativePath: String, option: String, environment: String, requiredFiles: [String]) {
        self.name = name
        self.relativePath = relativePath
        self.option = option
        self.environment = environment
        self.requiredFiles = requiredFiles
    }

    /// The web app, served at `/`.
    public static let webApp = ShippedFolder(name: "the web app", relativePath: "Public", option: "--public-dir",
                                             environment: "AFIELD_PUBLIC_DIR", requiredFiles: ["index.html"])

    /// The Northwind files the demo company is made from.
    public static let demoData = ShippedFolder(name: "the demo data", relativePath: "Demo/northwind", option: "--demo-dir",
                                               environment: "AFIELD_DEMO_DIR", requiredFiles: NorthwindFiles.tables.map { "\($0).csv" })

    /// Why the folder cannot be used; `description` is one line that says where Afield looked
    /// and how to name the folder.
    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Where to look, best first: beside the executable (a distribution folder), in
    /// `../share/afield` (an installed prefix), two and three levels up (SwiftPM's
    /// `.build/<config>/afield` and `.build/<triple>/<config>/afield` in a checkout), and last
    /// the working directory. The executable's own folders come first because the web app must
    /// belong to the same version as the server.
    public func candidates(executable: URL?, workingDirectory: URL) -> [URL] {
        var roots: [URL] = []
        if let folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent() {
            roots.append(folder)
            roots.append(folder.deletingLastPathComponent().appendingPathComponent("share/afield"))
            roots.append(folder.deletingLastPathComponent().deletingLastPathComponent())
            roots.append(folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        }
        roots.append(workingDirectory)
        var seen: Set<String> = []
        return roots.map { $0.appendingPathComponent(relativePath).standardizedFileURL }.filter { seen.insert($0.path).inserted }
    }

    /// The folder to use.
    ///
    /// - Parameters:
    ///   - explicit: a path given by ``option`` or ``environment``; relative to `workingDirectory`.
    ///     When given, it is the only place looked at.
    ///   - executable: the running program (``runningExecutable``); nil looks only in the working directory.
    /// - Throws: ``NotFound`` naming the places looked at and the files missing there.
    public func locate(explicit: String?, executable: URL?, workingDirectory: URL) throws -> URL {
        if let explicit, !explicit.isEmpty {
            let url = (explicit.hasPrefix("/") ? URL(fileURLWithPath: explicit) : workingDirectory.appendingPathComponent(explicit))
                .standardizedFileURL
            if let problem = problem(at: url) {
                throw NotFound(description: "\(name) given by \(option) / \(environment) cannot be used: \(url.path) \(problem)")
            }
            return url
        }
        let places = candidates(executable: executable, workingDirectory: workingDirectory)
        var seen: [String] = []
        for url in places {
            guard let problem = problem(at: url) else { return url }
            seen.append("\(url.path) (\(problem))")
        }
        throw NotFound(description: "cannot find \(name) (\(relativePath)/ with \(requiredFiles[0])); looked in \(seen.joined(separator: ", ")); "
                       + "name its folder with \(option) DIR or \(environment)")
    }

    /// Why `url` is not a usable copy of the folder, or nil when it is.
    func problem(at url: URL) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return "does not exist" }
        guard isFolder.boolValue else { return "is not a folder" }
        let missing = requiredFiles.filter { !FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
        return missing.isEmpty ? nil : "lacks \(missing.joined(separator: ", "))"
    }

    /// The running program's file, symbolic links resolved (on Linux from `/proc/self/exe`).
    public static var runningExecutable: URL? { Bundle.main.executableURL }
}
