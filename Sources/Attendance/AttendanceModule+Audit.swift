import Platform

extension AttendanceModule {
    /// Punches, groups and calendars in the audit log.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.punchEntity, label: .init(en: "Punch", zhCN: "打卡"), actions: [
            "create": .init(en: "Punched{name}", zhCN: "打卡{name}"),
         ], quotesNames: false),
         AuditEntityKind(Self.correctionEntity, label: .init(en: "Punch correction", zhCN: "补卡申请"), actions: [
            "approve": .init(en: "Approved {entity}{name}", zhCN: "批准了{entity}{name}"),
            "rejected": .init(en: "Rejected {entity}{name}", zhCN: "驳回了{entity}{name}"),
            "withdrawn": .init(en: "Withdrew {entity}{name}", zhCN: "撤回了{entity}{name}"),
         ], quotesNames: false),
         AuditEntityKind(Self.groupEntity, label: .init(en: "Attendance group", zhCN: "考勤组"), actions: [
            "roster": .init(en: "Changed the roster of {entity}{name}", zhCN: "修改了{entity}{name}的排班"),
         ], names: .column("name", in: AttendanceGroup.schema)),
         AuditEntityKind(Self.calendarEntity, label: .init(en: "Holiday calendar", zhCN: "节假日日历"), actions: [
            "import": .init(en: "Imported a year into {entity}{name}", zhCN: "向{entity}{name}导入了一年的节假日"),
         ], names: .column("name", in: HolidayCalendar.schema))]
    }
}
