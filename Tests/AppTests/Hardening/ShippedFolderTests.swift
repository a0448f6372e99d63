import AfieldTesting
import App
import Foundation
import Testing

/// Issue 8 point 8: the server finds its web app and demo data from any working folder.
@Suite("Shipped folders")
struct ShippedFolderTests {
    /// A scratch folder with `files` (paths relative to it) created empty; removed after `body`.
    private func tree(_ files: [String], _ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("afield-shipped-\(UUID().uuidString)").resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: root) }
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: url.path, contents: Data())
        }
        try body(root)
    }

    private static let demoFiles = ["categories", "suppliers", "customers", "shippers", "products", "employees", "orders", "order_details"]
        .map { "Demo/northwind/\($0).csv" }

    @Test("H8-8 a SwiftPM build finds the package root from .build/<triple>/<config>/afield and .build/<config>/afield, from any working folder")
    func swiftPMLayout() throws {
        try tree(["pkg/Public/index.html", "pkg/.build/x86_64-unknown-linux-gnu/debug/afield", "pkg/.build/release/afield", "elsewhere/x"] + Self.demoFiles.map { "pkg/\($0)" }) { root in
            let build = root.appendingPathComponent("pkg/.build")
            try FileManager.default.createSymbolicLink(at: build.appendingPathComponent("debug"),
                                                       withDestinationURL: build.appendingPathComponent("x86_64-unknown-linux-gnu/debug"))
            let elsewhere = root.appendingPathComponent("elsewhere")
            for executable in ["x86_64-unknown-linux-gnu/debug/afield", "debug/afield", "release/afield"].map(build.appendingPathComponent) {
                let web = try ShippedFolder.webApp.locate(explicit: nil, executable: executable, workingDirectory: elsewhere)
                #expect(web.path == root.appendingPathComponent("pkg/Public").path)
                let demo = try ShippedFolder.demoData.locate(explicit: nil, executable: executable, workingDirectory: elsewhere)
                #expect(demo.path == root.appendingPathComponent("pkg/Demo/northwind").path)
            }
        }
    }

    @Test("H8-8 a distribution folder: beside the executable first, then ../share/afield; the working folder only last")
    func besideTheExecutable() throws {
        try tree(["dist/afield", "dist/Public/index.html", "prefix/bin/afield", "prefix/share/afield/Public/index.html", "work/Public/index.html"]) { root in
            let work = root.appendingPathComponent("work")
            func found(_ executable: String) throws -> String {
                try ShippedFolder.webApp.locate(explicit: nil, executable: root.appendingPathComponent(executable), workingDirectory: work).path
            }
            let beside = try found("dist/afield"), prefix = try found("prefix/bin/afield"), working = try found("nowhere/afield")
            #expect(beside == root.appendingPathComponent("dist/Public").path)
            #expect(prefix == root.appendingPathComponent("prefix/share/afield/Public").path)
            #expect(working == root.appendingPathComponent("work/Public").path)
        }
    }

    @Test("H8-8 a named folder is the only place looked at; relative to the working folder; a missing file is named")
    func explicitFolder() throws {
        try tree(["work/web/index.html", "dist/afield", "dist/Public/index.html"] + Self.demoFiles.filter { !$0.hasSuffix("/orders.csv") }.map { "work/\($0)" }) { root in
            let work = root.appendingPathComponent("work"), executable = root.appendingPathComponent("dist/afield")
            let relative = try ShippedFolder.webApp.locate(explicit: "web", executable: executable, workingDirectory: work)
            let absolute = try ShippedFolder.webApp.locate(explicit: root.appendingPathComponent("work/web").path, executable: executable,
                                                           workingDirectory: root)
            #expect(relative.path == root.appendingPathComponent("work/web").path)
            #expect(absolute.path == root.appendingPathComponent("work/web").path)
            let wrong = #expect(throws: ShippedFolder.NotFound.self) {
                try ShippedFolder.webApp.locate(explicit: "missing", executable: executable, workingDirectory: work)
            }
            #expect(wrong?.description.contains("--public-dir") == true)
            #expect(wrong?.description.contains("does not exist") == true)
            let incomplete = #expect(throws: ShippedFolder.NotFound.self) {
                try ShippedFolder.demoData.locate(explicit: "Demo/northwind", executable: executable, workingDirectory: work)
            }
            #expect(incomplete?.description.contains("lacks orders.csv") == true, "\(String(describing: incomplete))")
        }
    }

    @Test("H8-8 nothing found: the message names every place looked at, what is missing there, and the option and variable to use")
    func notFound() throws {
        try tree(["bin/afield", "work/Demo/northwind/categories.csv"]) { root in
            let problem = #expect(throws: ShippedFolder.NotFound.self) {
                try ShippedFolder.demoData.locate(explicit: nil, executable: root.appendingPathComponent("bin/afield"),
                                                  workingDirectory: root.appendingPathComponent("work"))
            }
            let text = problem?.description ?? ""
            #expect(text.contains(root.appendingPathComponent("bin/Demo/northwind").path + " (does not exist)"))
            #expect(text.contains(root.appendingPathComponent("work/Demo/northwind").path + " (lacks suppliers.csv,"))
            #expect(text.contains("--demo-dir") && text.contains("AFIELD_DEMO_DIR"))
        }
    }

    @Test("H8-8 the repository's own copies are complete")
    func repositoryCopies() throws {
        let root = TestDatabases.packageRoot
        let web = try ShippedFolder.webApp.locate(explicit: nil, executable: nil, workingDirectory: root)
        let demo = try ShippedFolder.demoData.locate(explicit: nil, executable: nil, workingDirectory: root)
        #expect(web.path == root.appendingPathComponent("Public").path)
        #expect(demo.path == root.appendingPathComponent("Demo/northwind").path)
    }
}
