import Fluent
import Foundation
import Platform
import SQLKit

/// What other modules tell Partners about a customer's activity: CRM records each follow-up and
/// visit here, which restarts the public pool's idle clock (``CustomerPool``).
public enum CustomerActivity {
    /// Moves the customer's last activity to `at` unless it already is later. Runs inside the
    /// caller's transaction `db`; does not bump the customer's version (an activity is not an
    /// edit of the customer, and must not make a rep's open form stale).
    public static func touch(_ partnerID: UUID, tenantID: UUID, at: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("""
            UPDATE partners SET last_activity_at = \(bind: at)
            WHERE id = \(bind: partnerID) AND tenant_id = \(bind: tenantID) AND (last_activity_at IS NULL OR last_activity_at < \(bind: at))
            """).run()
    }
}
