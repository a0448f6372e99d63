import AfieldAPI
import Crypto
import Fluent
import Foundation
import Platform
import SQLKit

/// Importing tasks from CSV or XLSX (issue 13 point 3): the file is read by ``ImportTable``
/// (encoding, separator and header row detected), its columns mapped onto task fields by header
/// (English or Chinese) or as the caller chooses, and every row checked before anything is
/// written. With any problem nothing is imported; otherwise every row is created in one
/// transaction. Each row's task id is derived from the company, the project and the row (its
/// `key` column when there is one, else its content), so running the same file again creates
/// nothing twice.
struct TaskImport: Sendable {
    let context: ServiceContext

    static let maximumRows = 10_000
    static let fields = ["title", "description", "assignee", "start", "due", "priority", "status", "labels", "estimatedHours", "milestone", "phase", "key"]
    static let aliases: [String: String] = [
        "title": "title", "task": "title", "name": "title", "标题": "title", "任务": "title", "任务名称": "title", "任务标题": "title",
        "description": "description", "details": "description", "描述": "description", "说明": "description", "任务描述": "description", "备注": "description",
        "assignee": "assignee", "owner": "assignee", "负责人": "assignee", "执行人": "assignee", "指派给": "assignee",
        "start": "start", "starts": "start", "start date": "start", "开始": "start", "开始时间": "start", "开始日期": "start",
        "due": "due", "due date": "due", "deadline": "due", "截止": "due", "截止时间": "due", "截止日期": "due", "到期日": "due",
        "priority": "priority", "优先级": "priority", "status": "status", "状态": "status", "labels": "labels", "tags": "labels", "标签": "labels",
        "estimated hours": "estimatedHours", "estimate": "estimatedHours", "预估工时": "estimatedHours", "工时": "estimatedHours", "预计工时": "estimatedHours",
        "milestone": "milestone", "里程碑": "milestone", "phase": "phase", "阶段": "phase", "key": "key", "id": "key", "编号": "key", "外部编号": "key",
    ]
    static let priorities: [String: String] = ["low": "low", "normal": "normal", "medium": "normal", "high": "high", "urgent": "urgent", "低": "low",
                                               "普通": "normal", "中": "normal", "一般": "normal", "高": "high", "紧急": "urgent"]

    /// A row checked and ready to be created.
    struct Planned: Sendable {
        let row: Int
        let id: UUID
        let task: ProjectTask
    }

    /// - Throws: 404 file or project; 403 `projects.project.viewer`; 422 `fileId`
    ///   `projects.import.unreadable`, `projects.import.no_header`, `projects.import.too_many_rows`,
    ///   `projects.import.no_title_column`.
    func preview(_ input: TaskImportInput) async throws -> TaskImportPreviewDTO {
        let (table, columns) = try await read(input)
        let (planned, problems) = try await plan(table, columns: columns, projectID: input.projectId)
        let existing = try await Self.existing(planned.map(\.id), db: context.database)
        return TaskImportPreviewDTO(
            encoding: table.encoding, separator: table.separator, headerRow: table.headerRow,
            columns: zip(table.header, columns).map { TaskImportColumnDTO(header: $0, field: $1) }, fields: Self.fields,
            sample: table.rows.prefix(10).map(\.cells), rows: table.rows.count, ready: planned.count - existing.count, alreadyImported: existing.count,
            problems: Array(problems.prefix(500)))
    }

    /// Imports every row, or none when any has a problem.
    func run(_ input: TaskImportInput) async throws -> TaskImportResultDTO {
        let (table, columns) = try await read(input)
        let (planned, problems) = try await plan(table, columns: columns, projectID: input.projectId)
        guard problems.isEmpty else { return TaskImportResultDTO(created: 0, unchanged: 0, problems: Array(problems.prefix(500))) }
        let context = self.context
        let now = context.now()
        let created: Int = try await context.write { db in
            let existing = try await Self.existing(planned.map(\.id), db: db)
            var seen = existing
            var fresh: [ProjectTask] = []
            for item in planned where seen.insert(item.id).inserted { fresh.append(item.task) }
            for start in stride(from: 0, to: fresh.count, by: 500) {
                let chunk = Array(fresh[start..<min(start + 500, fresh.count)])
                try await chunk.create(on: db)
                for task in chunk { try await TaskReminders.schedule(task, application: context.application, on: db, fresh: true) }
                try await AuditLog.append(chunk.map { task in
                    var changes = AuditChanges()
                    changes.created([("title", task.title), ("project_id", task.projectID?.uuidString), ("assignee_id", task.assigneeID?.uuidString),
                                     ("status", task.status), ("due_at", task.dueAt.map(TaskService.instantText))])
                    return AuditLog.Change(entity: ProjectsModule.taskEntity, entityID: task.id, action: "import", changes: changes)
                }, context: context.audit, on: db, now: now)
            }
            return fresh.count
        }
        return TaskImportResultDTO(created: created, unchanged: planned.count - created, problems: [])
    }

    // MARK: - Reading and checking

    private func read(_ input: TaskImportInput) async throws -> (ImportTable, [String?]) {
        try context.require(ProjectsModule.work)
        guard let fileID = input.fileId else { throw DomainError.invalid([.init("fileId", "field.required")]) }
        guard let file = try await StoredFile.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == fileID)
            .filter(\.$uploadedBy == context.actor.userID).first()
        else { throw DomainError.notFound("file") }
        let data = try context.application.blobStore.read(file.sha256)
        let table: ImportTable
        do {
            table = try ImportTable.read(data, isKnown: { Self.aliases[$0] != nil || Self.fields.contains($0) }, maximumRows: Self.maximumRows)
        } catch .noHeader {
            throw DomainError.invalid([.init("fileId", "projects.import.no_header")])
        } catch .tooManyRows(let max) {
            throw DomainError.invalid([.init("fileId", "projects.import.too_many_rows", params: ["max": String(max)])])
        } catch {
            throw DomainError.invalid([.init("fileId", "projects.import.unreadable")])
        }
        var columns: [String?] = table.header.map { header in
            let key = ImportTable.normalise(header)
            return Self.aliases[key] ?? Self.fields.first { $0.lowercased() == key }
        }
        if let mapping = input.mapping {
            var problems: [DomainError.Field] = []
            for (header, field) in mapping {
                guard let index = table.header.firstIndex(where: { ImportTable.normalise($0) == ImportTable.normalise(header) }) else {
                    problems.append(.init("mapping", "projects.import.unknown_column", params: ["column": String(header.prefix(60))]))
                    continue
                }
                if field.isEmpty { columns[index] = nil } else if Self.fields.contains(field) { columns[index] = field } else {
                    problems.append(.init("mapping", "projects.import.unknown_field", params: ["field": String(field.prefix(60))]))
                }
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
        }
        // A field mapped twice keeps its first column.
        var taken: Set<String> = []
        for index in columns.indices { if let field = columns[index], !taken.insert(field).inserted { columns[index] = nil } }
        guard columns.contains("title") else { throw DomainError.invalid([.init("mapping", "projects.import.no_title_column")]) }
        return (table, columns)
    }

    private func plan(_ table: ImportTable, columns: [String?], projectID: UUID?) async throws -> ([Planned], [TaskImportProblemDTO]) {
        let db = context.database
        let catalog = context.settings.catalog
        var project: Project?
        if let projectID {
            let access = ProjectAccess(context: context)
            project = try await access.visible(projectID)
            let role = try await access.role(in: project!)
            if role != "manager", role != "member", !(try await access.canManage(project!, role: role)) {
                throw DomainError(status: 403, code: "projects.project.viewer", params: ["name": project!.name])
            }
        }
        let employees = try await Employee.query(on: db).filter(\.$tenantID == context.tenantID).all()
        var byName: [String: [Employee]] = [:]
        for employee in employees {
            byName[employee.name.lowercased(), default: []].append(employee)
            byName[employee.code.lowercased(), default: []].append(employee)
        }
        let statuses = try await TaskStatuses.load(tenantID: context.tenantID, db: db, catalog: catalog, language: context.language)
        var statusNames: [String: TaskStatusDTO] = [:]
        for status in statuses.all where !status.archived {
            statusNames[status.key] = status
            statusNames[status.name.lowercased()] = status
            for language in [AppLanguage.en, .zhCN] { statusNames[catalog.message("projects.task.status.\(status.key)", language).lowercased()] = status }
        }
        let milestones = try await projectID.asyncMap { try await Milestone.query(on: db).filter(\.$projectID == $0).all() } ?? []
        let phases = try await projectID.asyncMap { try await ProjectPhase.query(on: db).filter(\.$projectID == $0).all() } ?? []
        let people = try await People.load(Set(employees.compactMap(\.id)), tenantID: context.tenantID, companyZone: context.actor.tenant.timeZone, db: db)
        var planned: [Planned] = []
        var problems: [TaskImportProblemDTO] = []
        let now = context.now()
        for row in table.rows {
            func cell(_ field: String) -> String? {
                guard let index = columns.firstIndex(of: field), index < row.cells.count else { return nil }
                let text = row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            func problem(_ field: String?, _ code: String, _ params: [String: String] = [:]) {
                problems.append(TaskImportProblemDTO(row: row.number, field: field, code: code, message: catalog.message(code, context.language, params: params)))
            }
            let before = problems.count
            var fieldProblems: [DomainError.Field] = []
            let title = ProjectsText.line(cell("title"), max: 200, path: "title", required: true, problems: &fieldProblems)
            let details = ProjectsText.note(cell("description"), max: 10_000, path: "description", problems: &fieldProblems)
            for p in fieldProblems { problem(p.path, p.code, p.params) }
            var assignee: Employee?
            if let name = cell("assignee") {
                let matches = byName[name.lowercased()] ?? []
                if Set(matches.compactMap(\.id)).count == 1 { assignee = matches[0] } else {
                    problem("assignee", matches.isEmpty ? "projects.import.unknown_assignee" : "projects.import.ambiguous_assignee", ["name": String(name.prefix(60))])
                }
            } else { assignee = employees.first { $0.id == context.actor.employeeID } }
            let zone = people[assignee?.id]?.timeZone ?? context.actor.timeZone
            let startsAt = cell("start").flatMap { text in Self.instant(text, zone: zone, endOfDay: false) ?? { problem("start", "projects.import.bad_date", ["value": String(text.prefix(40))]); return nil }() }
            let dueAt = cell("due").flatMap { text in Self.instant(text, zone: zone, endOfDay: true) ?? { problem("due", "projects.import.bad_date", ["value": String(text.prefix(40))]); return nil }() }
            if let startsAt, let dueAt, dueAt < startsAt { problem("due", "projects.task.due_before_start") }
            var priority = "normal"
            if let text = cell("priority") {
                if let value = Self.priorities[text.lowercased()] { priority = value } else { problem("priority", "projects.task.priority") }
            }
            var status = statuses.all[0]
            if let text = cell("status") {
                if let value = statusNames[text.lowercased()] { status = value } else { problem("status", "projects.task.unknown_status", ["status": String(text.prefix(40))]) }
            }
            var labels: [String] = []
            if let text = cell("labels") {
                for piece in text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == ";" }) {
                    let label = piece.trimmingCharacters(in: .whitespaces)
                    if label.isEmpty || labels.contains(label) { continue }
                    if label.count > 30 { problem("labels", "text.too_long", ["max": "30"]) } else { labels.append(label) }
                }
                if labels.count > TaskFields.maximumLabels { problem("labels", "list.too_many_ids", ["max": String(TaskFields.maximumLabels)]) }
            }
            var estimate: Int?
            if let text = cell("estimatedHours") {
                var found: [DomainError.Field] = []
                estimate = Hours.parse(text, path: "estimatedHours", problems: &found)
                for p in found { problem("estimatedHours", p.code, p.params) }
            }
            var milestoneID: UUID?, phaseID: UUID?
            for (field, names) in [("milestone", milestones.map { ($0.id!, $0.name) }), ("phase", phases.map { ($0.id!, $0.name) })] {
                guard let text = cell(field) else { continue }
                if project == nil { problem(field, "projects.import.needs_project"); continue }
                guard let match = names.first(where: { $0.1.lowercased() == text.lowercased() }) else {
                    problem(field, "projects.import.unknown_\(field)", ["name": String(text.prefix(60))])
                    continue
                }
                if field == "milestone" { milestoneID = match.0 } else { phaseID = match.0 }
            }
            guard problems.count == before, let title else { continue }
            let identity = cell("key") ?? [title, details ?? "", assignee?.code ?? "", cell("start") ?? "", cell("due") ?? ""].joined(separator: "\u{1F}")
            let id = Self.taskID(tenantID: context.tenantID, projectID: projectID, identity: identity)
            let task = ProjectTask()
            task.id = id
            task.tenantID = context.tenantID
            task.projectID = projectID
            task.phaseID = phaseID
            task.milestoneID = milestoneID
            task.depth = 0
            task.title = title
            task.details = details
            task.assigneeID = assignee?.id
            task.departmentID = assignee?.departmentID ?? (assignee == nil ? context.actor.departmentID : nil)
            task.creatorID = context.actor.employeeID
            task.createdBy = context.actor.userID
            task.startsAt = startsAt
            task.dueAt = dueAt
            task.timeZone = zone.identifier
            task.startDay = startsAt.map { CalendarDay.string(for: $0, in: zone) }
            task.dueDay = dueAt.map { CalendarDay.string(for: $0, in: zone) }
            task.priority = priority
            task.status = status.key
            task.statusCategory = status.category
            task.labels = TaskService.json(labels)
            task.estimatedCentihours = estimate
            task.spentCentihours = 0
            task.checklistDone = 0
            task.checklistTotal = 0
            task.completedAt = TaskCategory.closed.contains(status.category) ? now : nil
            task.searchText = ([title] + labels).joined(separator: " ").lowercased()
            task.createdAt = now
            task.updatedAt = now
            task.version = 1
            planned.append(Planned(row: row.number, id: id, task: task))
        }
        return (planned, problems)
    }

    /// A stable id for an imported row: the first 16 bytes of SHA-256 over company, project and
    /// the row's identity, with the UUID version-8 and variant bits set (RFC 9562 §5.8).
    static func taskID(tenantID: UUID, projectID: UUID?, identity: String) -> UUID {
        let text = "afield.task-import|\(tenantID.uuidString)|\(projectID?.uuidString ?? "-")|\(identity)"
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// Of `ids`, those of tasks that exist (their ids only, not whole rows).
    static func existing(_ ids: [UUID], db: any Database) async throws -> Set<UUID> {
        var found: Set<UUID> = []
        let sql = db as! any SQLDatabase
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for row in try await sql.select().column("id").from(ProjectTask.schema).where("id", .in, chunk).all() {
                found.insert(try row.decode(column: "id", as: UUID.self))
            }
        }
        return found
    }

    /// A day or day and time as spreadsheets write them, in `zone`: `2026-12-10`, `2026/12/10`,
    /// `2026.12.10`, with ` 18:00` or `T18:00`; or an Excel serial day number (1900 system,
    /// `46366` = 2026-12-10, a fraction being the time). A day alone is 09:00 as a start and
    /// 23:59 as a due. Years 1900…2999.
    static func instant(_ text: String, zone: TimeZone, endOfDay: Bool) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        if let serial = Decimal(string: text), text.allSatisfy({ $0.isNumber || $0 == "." }), serial > 1, serial < 401_769 {
            let days = NSDecimalNumber(decimal: serial).doubleValue
            let whole = Int(days.rounded(.down))
            guard let day = CalendarDay.adding(whole, to: "1899-12-30") else { return nil }
            let minutes = Int(((days - Double(whole)) * 1440).rounded())
            return date(day, minutes: minutes == 0 ? (endOfDay ? 23 * 60 + 59 : 9 * 60) : minutes, calendar: calendar)
        }
        let parts = text.replacingOccurrences(of: "T", with: " ").split(separator: " ", maxSplits: 1)
        let dayText = parts[0].replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let pieces = dayText.split(separator: "-")
        guard pieces.count == 3, let y = Int(pieces[0]), let m = Int(pieces[1]), let d = Int(pieces[2]), pieces[0].count == 4 else { return nil }
        let day = String(format: "%04d-%02d-%02d", y, m, d)
        guard CalendarDay.isPlausibleBusinessDay(day) else { return nil }
        var minutes = endOfDay ? 23 * 60 + 59 : 9 * 60
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":")
            guard clock.count >= 2, let h = Int(clock[0]), let mm = Int(clock[1]), (0..<24).contains(h), (0..<60).contains(mm) else { return nil }
            minutes = h * 60 + mm
        }
        return date(day, minutes: minutes, calendar: calendar)
    }

    private static func date(_ day: String, minutes: Int, calendar: Calendar) -> Date? {
        let p = day.split(separator: "-").compactMap { Int($0) }
        return calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2], hour: minutes / 60, minute: minutes % 60))
    }
}
