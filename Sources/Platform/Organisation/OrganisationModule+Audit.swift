extension OrganisationModule {
    /// Departments, employees, positions and sites in the audit log, named by their names.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.departmentEntity, label: .init(en: "Department", zhCN: "部门"), names: .column("name", in: Department.schema)),
         AuditEntityKind(Self.employeeEntity, label: .init(en: "Employee", zhCN: "员工"), names: .column("name", in: Employee.schema)),
         AuditEntityKind(Self.positionEntity, label: .init(en: "Position", zhCN: "岗位"), names: .column("name", in: Position.schema)),
         AuditEntityKind(Self.siteEntity, label: .init(en: "Site", zhCN: "办公地点"), names: .column("name", in: Site.schema))]
    }
}
