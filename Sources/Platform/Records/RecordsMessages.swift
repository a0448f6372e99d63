/// Messages of the records' chatter and printing, in English and Simplified Chinese.
enum RecordsMessages {
    static let all: [String: MessageCatalog.Entry] = [
        "entity.comment": .init(en: "Comment", zhCN: "评论"),
        "records.mention": .init(en: "{actor} mentioned you on {record}", zhCN: "{actor} 在 {record} 中提到了你"),
        "records.mention.body": .init(en: "{text}", zhCN: "{text}"),
        "records.comment": .init(en: "{actor} commented on {record}", zhCN: "{actor} 评论了 {record}"),
        "records.comment.body": .init(en: "{text}", zhCN: "{text}"),
        "records.comment.not_author": .init(en: "Only the author can change or delete a comment.", zhCN: "只有作者可以修改或删除评论。"),
        "records.mentions_too_many": .init(en: "Mention at most {max} people.", zhCN: "最多提及 {max} 人。"),
        "records.mention_unknown": .init(en: "Mention colleagues of this company only.", zhCN: "只能提及本公司的同事。"),
        "records.mention_cannot_read": .init(en: "{name} cannot see this record, so cannot be mentioned here.",
                                             zhCN: "{name} 无权查看此记录，不能在此提及。"),
        "records.file_unknown": .init(en: "Upload the file first.", zhCN: "请先上传该文件。"),
        "records.file_attached": .init(en: "This file is attached already.", zhCN: "该文件已添加为附件。"),
        "records.attachment.not_yours": .init(en: "Only who attached or uploaded a file can remove it.", zhCN: "只有添加或上传文件的人可以移除它。"),
        "print.unavailable": .init(en: "Printing to PDF is not available on this server (Chromium is not installed). Ask the administrator.",
                                   zhCN: "此服务器无法打印 PDF（未安装 Chromium），请联系管理员。"),
        "print.failed": .init(en: "The PDF could not be made. Try again.", zhCN: "无法生成 PDF，请重试。"),
    ]
}
