import AfieldAPI
import AfieldTesting
import App
import Foundation
import Platform
import Testing

/// Issue 13 point 3 and 9: importing tasks from CSV (UTF-8, UTF-8 with BOM, GB18030 — cases I-22,
/// I-23) and from an XLSX workbook written by openpyxl, with per-row problems by row number,
/// nothing half-imported and nothing imported twice.
@Suite("Projects: task import")
struct TaskImportTests {
    typealias F = ProjectFixtures

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: TestDatabases.packageRoot.appendingPathComponent("Tests/AppTests/Fixtures/\(name)"))
    }

    static func upload(_ api: APIClient, _ data: Data, name: String, type: String) async throws -> UUID {
        let answer = try await api.send(.POST, "/api/v1/files", bytes: data, contentType: type, headers: [("X-File-Name", name)])
        #expect(answer.status == .created, "\(answer.text)")
        return try answer.decode(FileRef.self).id
    }

    @Test("I-22 a GB18030 CSV without BOM is detected and its headers map; the Alipay bill reads with its 24-line preamble skipped and amounts parsed. I-23 a UTF-8 BOM before 'sku' maps as 'sku'")
    func encodings() throws {
        let gbk = try ImportTable.read(try Self.fixture("i22-gbk.csv"), isKnown: { ["姓名", "部门", "金额"].contains($0) }, maximumRows: 100)
        #expect(gbk.encoding == "GB18030" && gbk.separator == "," && gbk.headerRow == 1)
        #expect(gbk.header == ["姓名", "部门", "金额"])
        #expect(gbk.rows.map(\.cells) == [["张三", "销售部", "1234.50"], ["李四", "研发部", "88"]])

        let alipay = try ImportTable.read(try Self.fixture("alipay_bill_gb18030.csv"), isKnown: { $0 == "交易时间" || $0 == "金额" }, maximumRows: 100)
        #expect(alipay.encoding == "GB18030")
        #expect(alipay.headerRow == 25)
        #expect(alipay.rows.first?.number == 26 && alipay.rows.count == 10)
        let amount = try #require(alipay.header.firstIndex(of: "金额"))
        let amounts = try alipay.rows.map { try FixedDecimal.parse($0.cells[amount].trimmingCharacters(in: .whitespaces), scale: 2) }
        #expect(amounts.first == 4974 && amounts[4] == 22_222_850)
        // 222,687.51 in all, as Python's csv and decimal modules read the same file.
        #expect(amounts.reduce(0, +) == 22_268_751)

        let bom = try ImportTable.read(try Self.fixture("i23-bom.csv"), isKnown: { $0 == "sku" }, maximumRows: 100)
        #expect(bom.encoding == "UTF-8 BOM" && bom.header == ["sku", "name"] && bom.rows.map(\.cells) == [["A-1", "Widget"]])
    }

    @Test("T13-11 a GB18030 task file: the preview reads it and names the bad rows by number (4: unknown assignee, 5: a 13th month); importing it imports nothing; the corrected file imports four tasks into the project; a rerun creates none")
    func gb18030Tasks() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let andrew = try await client.signedIn(F.andrew)
            let project = try await F.project(andrew, ProjectInput(name: "Store opening", startsOn: "2026-12-01", endsOn: "2027-01-31"))
            let bad = try await Self.upload(andrew, try Self.fixture("tasks-gb18030.csv"), name: "tasks.csv", type: "text/csv")
            let preview: TaskImportPreviewDTO = try await andrew.inLanguage("zh-CN").post("/api/v1/projects/tasks/import/preview",
                                                                                        json: TaskImportInput(fileId: bad, projectId: project.id)).decode()
            #expect(preview.encoding == "GB18030" && preview.headerRow == 1 && preview.rows == 4)
            #expect(preview.columns.map(\.field) == ["title", "assignee", "start", "due", "priority", "status", "labels", "estimatedHours"])
            #expect(preview.problems.map { "\($0.row) \($0.field ?? "") \($0.code)" } == ["4 assignee projects.import.unknown_assignee", "5 due projects.import.bad_date"])
            #expect(preview.problems.first?.message == "没有名为“无此人”的员工。")
            #expect(preview.ready == 2 && preview.alreadyImported == 0)
            let refused: TaskImportResultDTO = try await andrew.post("/api/v1/projects/tasks/import", json: TaskImportInput(fileId: bad, projectId: project.id)).decode()
            #expect(refused.created == 0 && refused.problems.count == 2)
            #expect(try await andrew.get("/api/v1/projects/tasks?project=\(project.id)").decode(Page<TaskCardDTO>.self).items.isEmpty)

            let good = try await Self.upload(andrew, try Self.fixture("tasks-gb18030-fixed.csv"), name: "tasks.csv", type: "text/csv")
            let done: TaskImportResultDTO = try await andrew.post("/api/v1/projects/tasks/import", json: TaskImportInput(fileId: good, projectId: project.id)).decode()
            #expect(done == TaskImportResultDTO(created: 4, unchanged: 0, problems: []))
            let tasks = try await andrew.get("/api/v1/projects/tasks?project=\(project.id)&sort=dueOn").decode(Page<TaskCardDTO>.self).items
            #expect(tasks.map { "\($0.title) \($0.assigneeName ?? "") \($0.dueOn ?? "") \($0.priority) \($0.status) \($0.estimatedHours ?? "-")" } == [
                "门店勘测 Nancy Davolio 2026-12-10 high in_progress 6.00", "货架安装 Janet Leverling 2026-12-14 normal not_started 4.50",
                "灯光检查 Andrew Fuller 2026-12-15 low not_started -", "开业准备 Nancy Davolio 2027-01-01 urgent not_started 2.00"])
            let survey: TaskDTO = try await andrew.get("/api/v1/projects/tasks/\(tasks[0].id)").decode()
            // 2026-12-10 18:00 in Los Angeles; a start day alone is 09:00 there.
            #expect(survey.dueAt == F.at("2026-12-11T02:00:00Z") && survey.startsAt == F.at("2026-12-08T17:00:00Z"))
            #expect(survey.labels == ["勘测", "门店"])
            let again: TaskImportResultDTO = try await andrew.post("/api/v1/projects/tasks/import", json: TaskImportInput(fileId: good, projectId: project.id)).decode()
            #expect(again == TaskImportResultDTO(created: 0, unchanged: 4, problems: []))
            let rerun: TaskImportPreviewDTO = try await andrew.post("/api/v1/projects/tasks/import/preview", json: TaskImportInput(fileId: good, projectId: project.id)).decode()
            #expect(rerun.ready == 0 && rerun.alreadyImported == 4)
            #expect(try await andrew.get("/api/v1/projects/tasks?project=\(project.id)").decode(Page<TaskCardDTO>.self).total == 4)
        }
    }

    @Test("T13-12 an XLSX workbook written by openpyxl (a date-time cell, a number, a bad row 3 without a title); a column mapped by hand; the corrected workbook imports")
    func openpyxlWorkbook() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("afield-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            import datetime, sys
            from openpyxl import Workbook
            for name, rows in (("bad.xlsx", True), ("good.xlsx", False)):
                book = Workbook()
                sheet = book.active
                sheet.append(["Title", "Assignee", "Due", "Estimate", "Labels", "Owner's note"])
                sheet.append(["Install shelves", "Nancy Davolio", datetime.datetime(2026, 12, 10, 18, 0), 4.5, "store, fit-out", "bring & check"])
                if rows:
                    sheet.append([None, "Janet Leverling", datetime.date(2026, 12, 11), 2, None, None])
                sheet.append(["Check lights", "EMP-9999" if rows else "Janet Leverling", None, None, None, "night shift"])
                book.save(sys.argv[1] + "/" + name)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with openpyxl (Tests/e2e/requirements.txt) writes the workbooks")
        let sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let nancy = try await client.signedIn(F.nancy)
            let bad = try await Self.upload(nancy, try Data(contentsOf: folder.appendingPathComponent("bad.xlsx")), name: "bad.xlsx", type: sheet)
            let mapping = ["Owner's note": "description"]
            let preview: TaskImportPreviewDTO = try await nancy.post("/api/v1/projects/tasks/import/preview", json: TaskImportInput(fileId: bad, mapping: mapping)).decode()
            #expect(preview.encoding == "XLSX" && preview.separator == nil)
            #expect(preview.columns.map(\.field) == ["title", "assignee", "due", "estimatedHours", "labels", "description"])
            #expect(preview.problems.map { "\($0.row) \($0.field ?? "") \($0.code)" } == ["3 title field.required", "4 assignee projects.import.unknown_assignee"])
            #expect(try await nancy.post("/api/v1/projects/tasks/import", json: TaskImportInput(fileId: bad, mapping: mapping)).decode(TaskImportResultDTO.self).created == 0)
            let good = try await Self.upload(nancy, try Data(contentsOf: folder.appendingPathComponent("good.xlsx")), name: "good.xlsx", type: sheet)
            let done: TaskImportResultDTO = try await nancy.post("/api/v1/projects/tasks/import", json: TaskImportInput(fileId: good, mapping: mapping)).decode()
            #expect(done.created == 2)
            let mine = try await nancy.get("/api/v1/projects/tasks?mine=created&sort=title").decode(Page<TaskCardDTO>.self).items
            #expect(mine.map(\.title) == ["Check lights", "Install shelves"])
            let shelves: TaskDTO = try await nancy.get("/api/v1/projects/tasks/\(mine[1].id)").decode()
            #expect(shelves.dueAt == F.at("2026-12-11T02:00:00Z") && shelves.estimatedHours == "4.50" && shelves.labels == ["store", "fit-out"])
            #expect(shelves.description == "bring & check")
            // A mapping naming a column the file lacks is refused before anything is read further.
            let unknown = try await nancy.post("/api/v1/projects/tasks/import/preview", json: TaskImportInput(fileId: good, mapping: ["Budget": "title"]))
            #expect(try F.codes(unknown) == ["projects.import.unknown_column"])
        }
    }
}
