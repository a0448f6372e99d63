extension FilesModule {
    /// Uploaded files in the audit log, named by their file name.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(FileController.entity, label: .init(en: "File", zhCN: "文件"), actions: [
            "create": .init(en: "Uploaded {entity}{name}", zhCN: "上传了{entity}{name}"),
         ], names: .column("name", in: StoredFile.schema))]
    }
}
