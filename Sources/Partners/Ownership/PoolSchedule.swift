import Foundation
import Platform
import Vapor

/// The public pool's idle rule as one installation-wide ``HourlyJob`` (kind ``kind``): for every
/// company it returns the customers idle by then (``CustomerPool/releaseIdle(tenantID:now:application:)``).
enum PoolJob {
    static let kind = "partners.pool.idle"
    static let job = HourlyJob(kind: kind)

    static func register(on application: Application) {
        job.register(on: application) { now, application in
            for tenant in try await Tenant.query(on: application.db).all() {
                guard let id = tenant.id else { continue }
                _ = try await CustomerPool.releaseIdle(tenantID: id, now: now, application: application)
            }
        }
    }
}
