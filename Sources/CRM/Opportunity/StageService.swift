import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Managers' edits of the funnel's stages: open stages are added, renamed, given a probability,
/// reordered or archived; the won and lost stages keep their kind and place (last).
struct StageService: Sendable {
    let context: ServiceContext

    func create(_ input: StageInput) async throws -> StageDTO {
        try context.require(CRMModule.stageManage)
        var problems: [DomainError.Field] = []
        let name = CRMText.line(input.name, max: 60, path: "name", required: true, problems: &problems)
        let probability = input.probability ?? 50
        if !(0...100).contains(probability) { problems.append(.init("probability", "number.range", params: ["min": "0", "max": "100"])) }
        guard problems.isEmpty, let name else { throw DomainError.invalid(problems) }
        let stages = try await Stages(context: context).all()
        let lastOpen = stages.filter { $0.kind == "open" }.map(\.position).max() ?? 0
        let firstClosed = stages.filter { $0.kind != "open" }.map(\.position).min() ?? (lastOpen + 20)
        let row = OpportunityStage()
        row.id = UUID()
        row.tenantID = context.tenantID
        row.name = name
        row.probability = probability
        row.position = input.position.map { min($0, firstClosed - 1) } ?? (lastOpen + firstClosed) / 2
        row.kind = "open"
        row.archived = false
        row.version = 1
        let context = self.context
        try await context.write { db in
            try await row.create(on: db)
            var changes = AuditChanges()
            changes.created([("name", name), ("probability", probability), ("position", row.position)])
            try await AuditLog.append(entity: CRMModule.stageEntity, entityID: row.id, action: "create", changes: changes, context: context.audit, on: db,
                                      now: context.now())
        }
        return row.dto
    }

    func update(_ id: UUID, _ input: StageInput) async throws -> StageDTO {
        try context.require(CRMModule.stageManage)
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        let name = input.name == nil ? nil : CRMText.line(input.name, max: 60, path: "name", required: true, problems: &problems)
        if let p = input.probability, !(0...100).contains(p) { problems.append(.init("probability", "number.range", params: ["min": "0", "max": "100"])) }
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        guard let row = try await Stages(context: context).all().first(where: { $0.id == id }) else { throw DomainError.notFound("stage") }
        if row.kind != "open", input.probability != nil || input.position != nil || input.archived != nil {
            throw DomainError.invalid([.init("kind", "crm.stage.closed_fixed")])
        }
        var changes = AuditChanges()
        if let name, name != row.name { changes.set("name", row.name, name); row.name = name }
        if let p = input.probability, p != row.probability { changes.set("probability", row.probability, p); row.probability = p }
        if let position = input.position, position != row.position { changes.set("position", row.position, position); row.position = position }
        if let archived = input.archived, archived != row.archived { changes.set("archived", row.archived, archived); row.archived = archived }
        guard !changes.isEmpty else { return row.dto }
        let finalChanges = changes
        let context = self.context
        try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(OpportunityStage.schema).set("name", to: row.name).set("probability", to: row.probability)
                .set("position", to: row.position).set("archived", to: row.archived).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where("version", .equal, version).returning("id").first() != nil
            else { throw DomainError.staleVersion("stage") }
            try await AuditLog.append(entity: CRMModule.stageEntity, entityID: id, action: "update", changes: finalChanges, context: context.audit, on: db,
                                      now: context.now())
        }
        row.version = version + 1
        return row.dto
    }
}
