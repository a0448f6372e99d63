import Foundation
import Vapor

/// Polls the job queue in the background while the application runs (DESIGN §1 Platform/Jobs):
/// started when the application boots if ``JobQueue/runsInBackground``, stopped on shutdown
/// (a handler that is running is let finish).
struct JobRunner: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        let queue = application.jobs
        guard queue.runsInBackground else { return }
        let logger = application.logger
        let task = Task.detached {
            while !Task.isCancelled {
                var ran = 0
                do {
                    ran = try await queue.runDue()
                } catch {
                    logger.warning("job runner: \(error)")
                }
                // A full batch suggests more are due: look again at once.
                if ran < 50 { try? await Task.sleep(for: queue.pollInterval) }
            }
        }
        queue.registry.settings.withLock { $0.task = task }
    }

    func shutdownAsync(_ application: Application) async {
        let task = application.jobs.registry.settings.withLock { settings in
            defer { settings.task = nil }
            return settings.task
        }
        task?.cancel()
        await task?.value
    }
}
