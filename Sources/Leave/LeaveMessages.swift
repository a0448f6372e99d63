import Platform

/// Messages of the leave module (zh-CN and en).
enum LeaveMessages {
    static let all: [String: MessageCatalog.Entry] = [
        "entity.leave_request": .init(en: "Leave request", zhCN: "请假申请"),
        "leave.no_employee": .init(en: "Your account is not linked to an employee, so you cannot ask for leave.", zhCN: "你的账号未关联员工，无法请假。"),
        "leave.unknown_type": .init(en: "No such leave type.", zhCN: "假期类型不存在。"),
        "leave.bad_date": .init(en: "Give a real date as YYYY-MM-DD.", zhCN: "请填写有效日期（YYYY-MM-DD）。"),
        "leave.end_before_start": .init(en: "The end is before the start.", zhCN: "结束日期早于开始日期。"),
        "leave.too_long": .init(en: "A request covers at most 366 days.", zhCN: "一次请假最多 366 天。"),
        "leave.bad_hours": .init(en: "Give the hours as a number from 0.01 to 24.", zhCN: "小时数须在 0.01 到 24 之间。"),
        "leave.bad_range": .init(en: "The end must be on or after the start, at most 366 days later.", zhCN: "结束日期须不早于开始日期，且相差不超过 366 天。"),
        "leave.attachment_unknown": .init(en: "The attachment was not found among your uploads.", zhCN: "找不到你上传的这个附件。"),
        "leave.document_required": .init(en: "This leave type needs a supporting document (e.g. a medical certificate).", zhCN: "此假期类型需要上传证明材料（如病假条）。"),
        "leave.half_days_not_allowed": .init(en: "This leave type is taken in whole days.", zhCN: "此假期类型只能按整天请假。"),
        "leave.half_day_outside": .init(en: "The half day {date} is outside the dates asked for.", zhCN: "半天 {date} 不在请假日期范围内。"),
        "leave.hours_one_day": .init(en: "Hourly leave is asked for one day at a time.", zhCN: "按小时请假须在同一天内。"),
        "leave.not_working_day": .init(en: "That day is not a working day for you.", zhCN: "该日不是你的工作日。"),
        "leave.nothing_to_take": .init(en: "These dates hold no working day of yours, so there is nothing to ask for.", zhCN: "所选日期内没有你的工作日，无需请假。"),
        "leave.over_balance": .init(en: "This takes {amount} but only {available} is left.", zhCN: "本次需要 {amount}，但余额只剩 {available}。"),
        "leave.overlaps": .init(en: "You already asked for leave on some of these days ({number}).", zhCN: "这些日期已有请假申请（{number}）。"),
        "leave.not_cancellable": .init(en: "This request can no longer be cancelled.", zhCN: "此申请已无法撤销。"),
        "leave.approval_cancelled": .init(en: "The leave request was cancelled.", zhCN: "请假申请已撤销。"),
        "leave.hours_required": .init(en: "Give the hours for hourly leave.", zhCN: "按小时请假请填写小时数。"),
        "leave.expiry_required": .init(en: "Carried-over days need the day they expire.", zhCN: "结转假期须填写到期日。"),
        "leave.bad_year": .init(en: "Give a year from 2000 to 2100.", zhCN: "年份须在 2000 到 2100 之间。"),
        "leave.bad_days": .init(en: "Give the days as a number (at most 2 decimals).", zhCN: "天数须为数字（最多两位小数）。"),
        "leave.bad_expiry": .init(en: "The carried-over days must expire within the year they move into.", zhCN: "结转假期的到期日须在结转到的年度内。"),
        "leave.summary.type": .init(en: "Type", zhCN: "假期类型"),
        "leave.summary.dates": .init(en: "Dates", zhCN: "日期"),
        "leave.summary.amount": .init(en: "Duration", zhCN: "时长"),
    ]
}
