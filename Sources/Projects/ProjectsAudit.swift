import Platform

/// How the audit log speaks of tasks and projects.
enum ProjectsAudit {
    static let kinds: [AuditEntityKind] = [
        AuditEntityKind(ProjectsModule.taskEntity, label: .init(en: "Task", zhCN: "任务"), actions: [
            "move": .init(en: "Moved {entity}{name}", zhCN: "变更了{entity}{name}的状态"),
            "complete": .init(en: "Completed {entity}{name}", zhCN: "完成了{entity}{name}"),
            "cancel": .init(en: "Cancelled {entity}{name}", zhCN: "取消了{entity}{name}"),
            "reopen": .init(en: "Reopened {entity}{name}", zhCN: "重新打开了{entity}{name}"),
            "repeat": .init(en: "Repeated {entity}{name}", zhCN: "重复生成了{entity}{name}"),
            "import": .init(en: "Imported {entity}{name}", zhCN: "导入了{entity}{name}"),
        ], names: .column("title", in: ProjectTask.schema)),
        AuditEntityKind(ProjectsModule.projectEntity, label: .init(en: "Project", zhCN: "项目"), actions: [
            "phases": .init(en: "Changed the phases of {entity}{name}", zhCN: "调整了{entity}{name}的阶段"),
            "log_add": .init(en: "Logged a risk or issue on {entity}{name}", zhCN: "在{entity}{name}登记了风险或问题"),
            "log_update": .init(en: "Updated a risk or issue of {entity}{name}", zhCN: "更新了{entity}{name}的风险或问题"),
            "document": .init(en: "Added a document to {entity}{name}", zhCN: "为{entity}{name}添加了文档"),
        ], names: .column("name", in: Project.schema)),
        AuditEntityKind(ProjectsModule.milestoneEntity, label: .init(en: "Milestone", zhCN: "里程碑"), actions: [
            "complete": .init(en: "Reached {entity}{name}", zhCN: "达成了{entity}{name}"),
        ], names: .column("name", in: Milestone.schema)),
        AuditEntityKind(ProjectsModule.timesheetEntity, label: .init(en: "Timesheet", zhCN: "工时表"), actions: [
            "log": .init(en: "Logged hours on {entity}{name}", zhCN: "在{entity}{name}登记了工时"),
            "unlog": .init(en: "Removed hours from {entity}{name}", zhCN: "从{entity}{name}删除了工时"),
            "submit": .init(en: "Submitted {entity}{name}", zhCN: "提交了{entity}{name}"),
            "approve": .init(en: "Approved {entity}{name}", zhCN: "批准了{entity}{name}"),
            "reject": .init(en: "Rejected {entity}{name}", zhCN: "驳回了{entity}{name}"),
            "withdraw": .init(en: "Withdrew {entity}{name}", zhCN: "撤回了{entity}{name}"),
        ], names: .column("week_start", in: Timesheet.schema)),
        AuditEntityKind(ProjectsModule.statusEntity, label: .init(en: "Task status", zhCN: "任务状态"), names: .column("name", in: TaskStatusDefinition.schema)),
    ]
}
