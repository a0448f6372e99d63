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
        ], names: .column("name", in: Project.schema)),
        AuditEntityKind(ProjectsModule.milestoneEntity, label: .init(en: "Milestone", zhCN: "里程碑"), actions: [
            "complete": .init(en: "Reached {entity}{name}", zhCN: "达成了{entity}{name}"),
        ], names: .column("name", in: Milestone.schema)),
        AuditEntityKind(ProjectsModule.statusEntity, label: .init(en: "Task status", zhCN: "任务状态"), names: .column("name", in: TaskStatusDefinition.schema)),
    ]
}
