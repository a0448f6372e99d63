import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// A company's public-pool (公海) rules; a company without a row has ``defaults``.
///
/// - `idle_days`: an owned customer with no follow-up or visit for more than this many whole days
///   (in the company's time zone) returns to the pool; 0 turns the rule off.
/// - `max_owned`: a rep who already owns this many customers cannot claim more (保有量上限).
/// - `daily_claims`: claims per rep per day (the rep's time zone).
/// - `reclaim_days`: a rep cannot claim back a customer they gave up for this many days — the
///   rule Chinese CRMs (纷享销客, 销售易) use so that a rep cannot reset the idle clock by
///   releasing and claiming at once.
///
/// Who sees which pool customers is not a rule here but the data scope of `partners.pool` per
/// role (the roles' data-scope matrix): all of it, or the customers last owned in one's
/// department (tree).
final class PoolRules: Model, @unchecked Sendable {
    static let schema = "partner_pool_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "idle_days") var idleDays: Int
    @Field(key: "max_owned") var maxOwned: Int
    @Field(key: "daily_claims") var dailyClaims: Int
    @Field(key: "reclaim_days") var reclaimDays: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    static let defaults = PoolRulesDTO(idleDays: 30, maxOwned: 200, dailyClaims: 10, reclaimDays: 7, version: 0)

    /// The company's rules (its row, else ``defaults``).
    static func of(tenantID: UUID, on db: any Database) async throws -> PoolRulesDTO {
        guard let row = try await PoolRules.query(on: db).filter(\.$tenantID == tenantID).first() else { return defaults }
        return row.dto
    }

    var dto: PoolRulesDTO {
        PoolRulesDTO(idleDays: idleDays, maxOwned: maxOwned, dailyClaims: dailyClaims, reclaimDays: reclaimDays, version: version)
    }
}

/// Reading and changing the pool rules (`GET/PUT /api/v1/partners/pool/rules`).
struct PoolRulesService: Sendable {
    let context: ServiceContext

    func read() async throws -> PoolRulesDTO {
        try await PoolRules.of(tenantID: context.tenantID, on: context.database)
    }

    /// Stores `rules` (all fields), guarded by `version` (0 while the defaults apply).
    /// - Throws: 403 without ``CustomerOwnership/manage``; 422 for a number out of its range; 409
    ///   `conflict.stale_version` with the current rules.
    func update(_ rules: PoolRulesDTO) async throws -> PoolRulesDTO {
        try context.require(CustomerOwnership.manage)
        var problems: [DomainError.Field] = []
        func check(_ field: String, _ value: Int, _ range: ClosedRange<Int>) {
            if !range.contains(value) {
                problems.append(.init(field, "number.range", params: ["min": String(range.lowerBound), "max": String(range.upperBound)]))
            }
        }
        check("idleDays", rules.idleDays, 0...3650)
        check("maxOwned", rules.maxOwned, 1...100_000)
        check("dailyClaims", rules.dailyClaims, 1...1000)
        check("reclaimDays", rules.reclaimDays, 0...365)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let tenantID = context.tenantID
        let audit = context.audit
        let now = context.now()
        try await context.write { db in
            let row = try await PoolRules.query(on: db).filter(\.$tenantID == tenantID).first()
            let current = row?.dto ?? PoolRules.defaults
            guard current.version == rules.version else { throw DomainError.staleVersion("pool_rules", current: current) }
            var changes = AuditChanges()
            if current.idleDays != rules.idleDays { changes.set("idle_days", current.idleDays, rules.idleDays) }
            if current.maxOwned != rules.maxOwned { changes.set("max_owned", current.maxOwned, rules.maxOwned) }
            if current.dailyClaims != rules.dailyClaims { changes.set("daily_claims", current.dailyClaims, rules.dailyClaims) }
            if current.reclaimDays != rules.reclaimDays { changes.set("reclaim_days", current.reclaimDays, rules.reclaimDays) }
            guard !changes.isEmpty else { return }
            let id: UUID
            if let row {
                // Conditional on the version read, so that of two managers saving at once one gets 409.
                let sql = db as! any SQLDatabase
                guard let updated = try await sql.update(PoolRules.schema)
                    .set("idle_days", to: rules.idleDays).set("max_owned", to: rules.maxOwned).set("daily_claims", to: rules.dailyClaims)
                    .set("reclaim_days", to: rules.reclaimDays).set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                    .where("id", .equal, row.id).where("version", .equal, rules.version).returning("id").first()
                else { throw DomainError.staleVersion("pool_rules", current: current) }
                id = try updated.decode(column: "id", as: UUID.self)
            } else {
                let stored = PoolRules()
                stored.id = UUID()
                stored.tenantID = tenantID
                stored.idleDays = rules.idleDays
                stored.maxOwned = rules.maxOwned
                stored.dailyClaims = rules.dailyClaims
                stored.reclaimDays = rules.reclaimDays
                stored.version = 1
                do {
                    try await stored.create(on: db)
                } catch let error as any DatabaseError where error.isConstraintFailure {
                    throw DomainError.staleVersion("pool_rules")
                }
                id = try stored.requireID()
            }
            try await AuditLog.append(entity: PartnersModule.poolRulesEntity, entityID: id, action: "update", changes: changes, context: audit,
                                      on: db, now: now)
        }
        return try await read()
    }
}
