import Fluent
import Vapor

/// Durable background jobs (`jobs` table, ``JobQueue``) and their runner. No routes of its own;
/// other modules register handlers at boot with `context.application.jobs.register(…)`.
public struct JobsModule: AfieldModule {
    public static let id = "jobs"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]

    public init() {}

    public var permissions: [Permission] { [] }
    public var migrations: [any AsyncMigration] { [CreateJobs()] }

    public func routes(_ api: any RoutesBuilder) throws {}

    public func boot(_ context: ModuleContext) async throws {
        context.application.lifecycle.use(JobRunner())
    }
}
