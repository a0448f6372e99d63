/// Messages of the shared list mechanism (en, zh-CN).
enum ListsMessages {
    static let all: [String: MessageCatalog.Entry] = [
        "entity.list": .init(en: "List", zhCN: "列表"),
        "entity.saved_filter": .init(en: "Saved filter", zhCN: "已保存筛选"),
        "entity.list_export": .init(en: "Export", zhCN: "导出"),
        "list.sheet_name": .init(en: "Export", zhCN: "导出"),
        "list.invalid_sort": .init(en: "This list cannot be sorted by “{key}”.", zhCN: "此列表不能按“{key}”排序。"),
        "list.too_many_sort_keys": .init(en: "Sort by at most {max} columns.", zhCN: "最多按 {max} 列排序。"),
        "list.invalid_filter": .init(en: "This filter value is not valid.", zhCN: "筛选值无效。"),
        "list.invalid_columns": .init(en: "This list has no column “{key}”.", zhCN: "此列表没有“{key}”列。"),
        "list.invalid_format": .init(en: "Export as csv or xlsx.", zhCN: "请导出为 csv 或 xlsx。"),
        "list.invalid_saved_query": .init(en: "This filter cannot be saved for this list ({name}).", zhCN: "此筛选不能保存到该列表（{name}）。"),
        "list.too_many_ids": .init(en: "Select at most {max} records.", zhCN: "最多选择 {max} 条记录。"),
        "list.bulk_empty": .init(en: "Select at least one record.", zhCN: "请至少选择一条记录。"),
        "list.bulk_value_required": .init(en: "Choose a value for this action.", zhCN: "请为此操作选择一个值。"),
        "list.bulk_invalid_value": .init(en: "Choose an existing record.", zhCN: "请选择已有记录。"),
        "list.too_many_saved_filters": .init(en: "You can keep at most {max} saved filters on a list.", zhCN: "每个列表最多保存 {max} 个筛选。"),
        "list.export_too_large": .init(en: "More than {max} rows: export them in the background.", zhCN: "超过 {max} 行，请在后台导出。"),
        "list.export_not_ready": .init(en: "This export is not finished yet.", zhCN: "导出尚未完成。"),
    ]
}
