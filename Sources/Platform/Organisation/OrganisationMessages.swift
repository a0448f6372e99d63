/// Messages of the organisation module (departments, positions, sites, employees).
enum OrganisationMessages {
    static let all: [String: MessageCatalog.Entry] = [
        "entity.department": .init(en: "Department", zhCN: "部门"),
        "entity.position": .init(en: "Position", zhCN: "职位"),
        "entity.site": .init(en: "Site", zhCN: "办公地点"),
        "org.department.unknown": .init(en: "Choose an existing department.", zhCN: "请选择已有部门。"),
        "org.department.cycle": .init(en: "A department cannot be moved under itself or one of its sub-departments.",
                                      zhCN: "部门不能移动到自身或其下级部门之下。"),
        "org.department.not_empty": .init(en: "Move its people and sub-departments out before archiving it.",
                                          zhCN: "请先移出该部门的人员和下级部门，再将其归档。"),
        "org.employee.unknown": .init(en: "Choose an existing employee.", zhCN: "请选择已有员工。"),
        "org.position.unknown": .init(en: "Choose an existing, current position.", zhCN: "请选择现有的职位。"),
        "org.position.name_taken": .init(en: "Another position already has this name.", zhCN: "已有同名职位。"),
        "org.position.code_taken": .init(en: "Another position already has this code.", zhCN: "已有职位使用此编码。"),
        "org.position.in_use": .init(en: "Give its holders another position before archiving it.", zhCN: "请先为担任该职位的员工更换职位，再将其归档。"),
        "org.site.unknown": .init(en: "Choose an existing, current site.", zhCN: "请选择现有的办公地点。"),
        "org.site.name_taken": .init(en: "Another site already has this name.", zhCN: "已有同名办公地点。"),
        "org.site.in_use": .init(en: "Move the people based there to another site before archiving it.",
                                 zhCN: "请先将该地点的员工调到其他地点，再将其归档。"),
        "org.site.latitude_range": .init(en: "Latitude must be between -90 and 90 degrees.", zhCN: "纬度必须在 -90 到 90 度之间。"),
        "org.site.longitude_range": .init(en: "Longitude must be between -180 and 180 degrees.", zhCN: "经度必须在 -180 到 180 度之间。"),
        "org.site.coordinates_pair": .init(en: "Give both latitude and longitude, or neither.", zhCN: "请同时填写纬度和经度，或都不填。"),
        "org.site.unknown_time_zone": .init(en: "Choose an IANA time zone such as Asia/Shanghai or Europe/London.",
                                            zhCN: "请选择 IANA 时区，例如 Asia/Shanghai 或 Europe/London。"),
    ]
}
