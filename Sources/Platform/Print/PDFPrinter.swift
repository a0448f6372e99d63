import Foundation
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// Renders ``PrintDocument``s to PDF with headless Chromium (DESIGN §6): `--print-to-pdf` of the
/// page written to a temporary file, `--no-pdf-header-footer`. Chromium embeds the fonts and
/// keeps text as text, CJK included; wkhtmltopdf is not used (it turns some CJK characters into
/// radical code points in the text layer, so search and copy break).
///
/// Each print runs in a fresh temporary folder (page, Chromium profile, PDF) that is removed
/// afterwards, whatever happens; at most ``concurrency`` Chromiums run at once, and one that
/// takes longer than ``timeout`` is killed.
public struct PDFPrinter: Sendable {
    /// The Chromium binary: `AFIELD_CHROMIUM`, else `/usr/bin/chromium` (Debian's package).
    public var chromium: String
    public var timeout: Duration
    let gate: PrintGate

    /// Environment variable naming the Chromium binary.
    public static let environmentKey = "AFIELD_CHROMIUM"
    /// Chromiums printing at once (each takes a core and ~150 MB for a few hundred ms).
    public static let concurrency = 2

    public init(chromium: String? = nil, timeout: Duration = .seconds(30)) {
        self.chromium = chromium ?? Environment.get(Self.environmentKey).flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/bin/chromium"
        self.timeout = timeout
        self.gate = PrintGate(slots: Self.concurrency)
    }

    /// Whether the Chromium binary is there and executable.
    public var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: chromium) }

    /// The PDF of `document`.
    /// - Throws: 503 `print.unavailable` when Chromium is missing; 500 `print.failed` when it
    ///   fails, times out or writes no PDF.
    public func pdf(_ document: PrintDocument, logger: Logger) async throws -> Data {
        guard isAvailable else { throw DomainError(status: 503, code: "print.unavailable") }
        return try await gate.run { try await render(document.html, logger: logger) }
    }

    /// The answer of a print route: `document` as `application/pdf`, shown in the browser
    /// (`inline`) under `filename` (reduced to ASCII letters, digits, `-` and `_`), never cached.
    /// - Throws: as ``pdf(_:logger:)``.
    public func response(_ document: PrintDocument, filename: String, logger: Logger) async throws -> Response {
        let pdf = try await pdf(document, logger: logger)
        let safe = String(filename.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.prefix(100))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(safe.isEmpty ? "document" : safe).pdf\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: pdf))
    }

    private func render(_ html: String, logger: Logger) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("afield-print-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("document.html")
        let output = folder.appendingPathComponent("document.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update", "--mute-audio",
            "--hide-scrollbars", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        // Chromium's log goes to a file: a pipe nobody reads while it runs could fill and stall it.
        let log = folder.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        process.standardError = logHandle
        process.currentDirectoryURL = folder
        let (exits, exited) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        try process.run()
        let pid = process.processIdentifier
        let limit = timeout
        // Past the limit, kill it; a cancelled sleep (it ended in time) kills nothing.
        let timer = Task.detached {
            try await Task.sleep(for: limit)
            _ = kill(pid, SIGKILL)
        }
        var status: Int32 = -1
        for await code in exits { status = code }
        timer.cancel()
        let stderr = String(decoding: (FileManager.default.contents(atPath: log.path) ?? Data()).suffix(2000), as: UTF8.self)
        guard status == 0, let pdf = FileManager.default.contents(atPath: output.path), pdf.starts(with: Array("%PDF-".utf8)) else {
            logger.error("chromium print failed (status \(status)): \(stderr)")
            throw DomainError(status: 500, code: "print.failed")
        }
        return pdf
    }
}

/// A counting semaphore for printing: `run` waits for a free slot.
actor PrintGate {
    private var free: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) { free = slots }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if free > 0 { free -= 1 } else { await withCheckedContinuation { waiters.append($0) } }
        defer { if waiters.isEmpty { free += 1 } else { waiters.removeFirst().resume() } }
        return try await body()
    }
}

extension Application {
    private struct PrinterKey: StorageKey, LockKey { typealias Value = PDFPrinter }

    /// The PDF printer (``PDFPrinter``); tests may install one with another Chromium path.
    public var pdfPrinter: PDFPrinter {
        get {
            locks.lock(for: PrinterKey.self).withLock {
                if let existing = storage[PrinterKey.self] { return existing }
                let made = PDFPrinter()
                storage[PrinterKey.self] = made
                return made
            }
        }
        set { locks.lock(for: PrinterKey.self).withLock { storage[PrinterKey.self] = newValue } }
    }
}
