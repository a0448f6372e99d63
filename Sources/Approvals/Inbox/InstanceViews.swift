import AfieldAPI
import Fluent
import Foundation
import Platform
import Vapor

/// Builds the answers about instances for one reader: names, the reader's task, the actions
/// open to them, and the timeline in their language.
struct InstanceViews {
    let db: any Database
    let viewer: UUID
    let catalog: MessageCatalog
    let language: AppLanguage

    func summaries(_ instances: [ApprovalInstance]) async throws -> [ApprovalSummaryDTO] {
        guard !instances.isEmpty else { return [] }
        let ids = instances.compactMap(\.id)
        let tasks = try await ApprovalTask.query(on: db).filter(\.$instanceID ~~ ids).all()
        let activeSteps = try await ApprovalStep.query(on: db).filter(\.$instanceID ~~ ids)
            .filter(\.$state == ApprovalStepState.active.rawValue).all()
        let tasksByInstance = Dictionary(grouping: tasks, by: \.instanceID)
        return instances.map { instance in
            let mine = tasksByInstance[instance.id!] ?? []
            let open = mine.filter { $0.state == ApprovalTaskState.open.rawValue }
            let myTask = mine.first { $0.assigneeID == viewer && ($0.state == ApprovalTaskState.open.rawValue || $0.state == ApprovalTaskState.unread.rawValue) }
            let step = activeSteps.first { $0.instanceID == instance.id && $0.round == instance.round }
            return ApprovalSummaryDTO(id: instance.id!, number: instance.number, title: instance.title, subject: instance.subject,
                                      documentId: instance.documentID, requester: PersonRef(id: instance.requesterID, name: instance.requesterName),
                                      state: ApprovalState(rawValue: instance.state) ?? .pending,
                                      currentStep: step.map { stepName($0) },
                                      waitingFor: open.map { PersonRef(id: $0.assigneeID, name: $0.assigneeName) },
                                      myTaskId: myTask?.id, submittedAt: instance.submittedAt, decidedAt: instance.decidedAt,
                                      summary: CardSummaryItem.decode(instance.summary).map { $0.pair(catalog: catalog, language: language) })
        }
    }

    func detail(_ instance: ApprovalInstance, canReadAll: Bool) async throws -> ApprovalInstanceDTO {
        let id = try instance.requireID()
        let steps = try await ApprovalStep.query(on: db).filter(\.$instanceID == id).sort(\.$round).sort(\.$position).all()
        let tasks = try await ApprovalTask.query(on: db).filter(\.$instanceID == id).sort(\.$sequence).all()
        let events = try await ApprovalEvent.query(on: db).filter(\.$instanceID == id).sort(\.$at).all()
        let tasksByStep = Dictionary(grouping: tasks, by: \.stepID)
        let stepDTOs = steps.map { step in
            ApprovalStepDTO(id: step.id!, nodeId: step.nodeID, name: stepName(step), type: FlowNodeType(rawValue: step.type) ?? .approver,
                            mode: ApprovalMode(rawValue: step.mode) ?? .any, state: ApprovalStepState(rawValue: step.state) ?? .waiting,
                            round: step.round, tasks: (tasksByStep[step.id!] ?? []).map(taskDTO))
        }
        let timeline = events.map { event in
            let params = (try? event.detailParams.map { try JSONText.decode([String: String].self, $0) }) ?? nil
            let attachments = (try? event.attachments.map { try JSONText.decode([UUID].self, $0) }) ?? nil
            return ApprovalEventDTO(id: event.id!, at: event.at, actor: event.actorID.map { PersonRef(id: $0, name: event.actorName ?? "") },
                                    onBehalfOf: event.onBehalfOfID.map { PersonRef(id: $0, name: event.onBehalfOfName ?? "") },
                                    action: event.action, stepName: event.stepName.map { $0.isEmpty ? nil : $0 } ?? nil,
                                    comment: event.comment, attachments: attachments ?? [],
                                    text: event.detailCode.map { catalog.message($0, language, params: params ?? [:]) }, round: event.round)
        }
        let values = try instance.values.map { try JSONText.decode([String: FormValue].self, $0) }
        let facts = StoredFact.decode(try JSONText.decode([String: StoredFact].self, instance.facts)).mapValues(\.text)
        let summary = try await summaries([instance])[0]
        let mineOpen = tasks.contains { $0.assigneeID == viewer && $0.state == ApprovalTaskState.open.rawValue }
        let current = steps.filter { $0.round == instance.round }
        let next = current.first { $0.state == ApprovalStepState.waiting.rawValue }
        let choosing = mineOpen && next?.note == "chosenLater" && (try? JSONText.decode([UUID].self, next?.assignees ?? "[]"))?.isEmpty == true
        return ApprovalInstanceDTO(summary: summary, formId: instance.formID, values: values, facts: facts,
                                   flowVersion: instance.flowVersionNumber, round: instance.round, steps: stepDTOs, timeline: timeline,
                                   actions: actions(instance, tasks: tasks), choosesNextApprovers: choosing, version: instance.version)
    }

    func taskDTO(_ task: ApprovalTask) -> ApprovalTaskDTO {
        ApprovalTaskDTO(id: task.id!, stepId: task.stepID, assignee: PersonRef(id: task.assigneeID, name: task.assigneeName),
                        onBehalfOf: task.onBehalfOfID.map { PersonRef(id: $0, name: task.onBehalfOfName ?? "") },
                        state: ApprovalTaskState(rawValue: task.state) ?? .open, comment: task.comment, decidedAt: task.decidedAt,
                        decidedBy: task.decidedByID.map { PersonRef(id: $0, name: task.decidedByName ?? "") })
    }

    /// The node's name, else a label for its kind in the reader's language.
    func stepName(_ step: ApprovalStep) -> String {
        if !step.name.isEmpty { return step.name }
        return catalog.message("approvals.node.\(step.type)", language)
    }

    private func actions(_ instance: ApprovalInstance, tasks: [ApprovalTask]) -> [String] {
        var result: [String] = []
        let pending = instance.state == ApprovalState.pending.rawValue
        if pending, tasks.contains(where: { $0.assigneeID == viewer && $0.state == ApprovalTaskState.open.rawValue }) {
            result += ["approve", "reject", "return", "transfer", "addSigner"]
        }
        if instance.requesterID == viewer {
            if pending || instance.state == ApprovalState.returned.rawValue { result.append("withdraw") }
            if pending { result.append("urge") }
            // Documents are changed in their own module (it asks again); forms here.
            if instance.formID != nil, [ApprovalState.pending, .approved, .returned].map(\.rawValue).contains(instance.state) {
                result.append("edit")
            }
        }
        result += ["comment", "cc"]
        return result
    }

    /// Whether the viewer takes part: the requester, or anyone with a task (CC included).
    static func takesPart(_ viewer: UUID, in instance: ApprovalInstance, on db: any Database) async throws -> Bool {
        if instance.requesterID == viewer { return true }
        return try await ApprovalTask.query(on: db).filter(\.$instanceID == instance.requireID())
            .group(.or) { $0.filter(\.$assigneeID == viewer).filter(\.$onBehalfOfID == viewer) }.first() != nil
    }
}
