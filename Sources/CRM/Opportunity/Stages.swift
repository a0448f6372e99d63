import AfieldAPI
import Fluent
import Foundation
import Platform
import Vapor

/// The company's funnel stages (``OpportunityStage``): made on first use from the defaults in
/// the company's language, then edited by managers.
struct Stages: Sendable {
    let context: ServiceContext

    /// The defaults: (zh-CN, en, probability, kind).
    static let defaults: [(String, String, Int, String)] = [
        ("初步接洽", "Qualification", 10, "open"), ("需求确认", "Needs analysis", 30, "open"), ("方案报价", "Proposal", 50, "open"),
        ("谈判审核", "Negotiation", 80, "open"), ("赢单", "Won", 100, "won"), ("输单", "Lost", 0, "lost"),
    ]

    /// Every stage of the company (archived too), by position; the defaults are stored first, in
    /// the company's language, if the company has none.
    static func all(tenantID: UUID, application: Application, on db: any Database) async throws -> [OpportunityStage] {
        let rows = try await OpportunityStage.query(on: db).filter(\.$tenantID == tenantID).sort(\.$position).all()
        guard rows.isEmpty else { return rows }
        let language = try await Tenant.find(tenantID, on: db).flatMap { AppLanguage(tag: $0.locale) } ?? .en
        try await application.afieldWrites.transaction(on: db) { db in
            guard try await OpportunityStage.query(on: db).filter(\.$tenantID == tenantID).count() == 0 else { return }
            for (index, stage) in defaults.enumerated() {
                let row = OpportunityStage()
                row.id = UUID()
                row.tenantID = tenantID
                row.name = language == .zhCN ? stage.0 : stage.1
                row.probability = stage.2
                row.position = (index + 1) * 10
                row.kind = stage.3
                row.archived = false
                row.version = 1
                try await row.create(on: db)
            }
        }
        return try await OpportunityStage.query(on: db).filter(\.$tenantID == tenantID).sort(\.$position).all()
    }

    func all() async throws -> [OpportunityStage] {
        try await Self.all(tenantID: context.tenantID, application: context.application, on: context.database)
    }

    func list() async throws -> [StageDTO] { try await all().map(\.dto) }
}

extension OpportunityStage {
    var dto: StageDTO { StageDTO(id: id!, name: name, probability: probability, position: position, kind: kind, archived: archived, version: version) }
}
