import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Platform
import Testing

/// Check-in and check-out (issue 10 points 1–4; cases L-02…L-05 of ../shared/cases/attendance-leave.md).
@Suite("Attendance punches and days")
struct PunchTests {
    typealias F = AttendanceFixture

    @Test("L-05 a check-in 73 m from the office is inside; 1.07 km away is refused with the distance, or a field check-in when the group allows it")
    func geofence() async throws {
        let clock = ManualClock(F.local("2026-12-07 08:55", "Asia/Shanghai"))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await F.employee(admin, "Nancy")
            let office = try await F.site(admin, "Shanghai office", latitude: "31.2304", longitude: "121.4737", zone: "Asia/Shanghai")
            let group = try await F.group(admin, AttendanceGroupInput(name: "Shanghai", timeZone: "Asia/Shanghai", schedule: F.weekdays(),
                                                                      sites: [GroupSiteDTO(siteID: office.id, radiusMeters: 200)], employeeIDs: [me.id]))
            let inside = try await F.punch(nancy, at: clock, latitude: "31.2310", longitude: "121.4740")
            #expect(inside.status == .created, "\(inside.text)")
            let punch: PunchDTO = try inside.decode()
            #expect(punch.inside && !punch.field)
            #expect(punch.distanceMeters == 73)
            #expect(punch.siteName == "Shanghai office")
            #expect(punch.workDate == "2026-12-07")

            clock.advance(3600)
            let far = try await F.punch(nancy, at: clock, latitude: "31.2400", longitude: "121.4737", note: "Visiting a customer")
            #expect(far.status == .unprocessableEntity)
            #expect(try far.error.code == "attendance.outside_fence")
            #expect(try far.error.message.contains("1.07 km"))
            #expect(try far.error.message.contains("Shanghai office"))

            let allowed = try await admin.send(.PATCH, "/api/v1/attendance/groups/\(group.id)",
                                               json: AttendanceGroupUpdate(AttendanceGroupInput(version: group.version, fieldCheckIn: true)))
            #expect(allowed.status == .ok, "\(allowed.text)")
            let noNote = try await F.punch(nancy, at: clock, latitude: "31.2400", longitude: "121.4737")
            #expect(noNote.status == .unprocessableEntity)
            #expect(try noNote.error.fields?.first?.code == "attendance.field_note_required")
            let field = try await F.punch(nancy, at: clock, latitude: "31.2400", longitude: "121.4737", note: "Visiting a customer")
            #expect(field.status == .created, "\(field.text)")
            let fieldPunch: PunchDTO = try field.decode()
            #expect(fieldPunch.field && !fieldPunch.inside)
            #expect(fieldPunch.distanceMeters == 1067)

            let today: PunchStatusDTO = try await nancy.get("/api/v1/attendance/today?latitude=31.2310&longitude=121.4740").decode()
            #expect(today.punches.count == 2)
            #expect(today.distanceMeters == 73)
            #expect(today.inside == true)
            #expect(today.result?.statuses.contains("field") == true)
        }
    }

    @Test("L-02 Brisbane: 07:30 to 09:30 local on 19 Sep 2019 is 2 h on 19 Sep in the day, the month, the punches, the summary and its CSV")
    func localDate() async throws {
        let zone = "Australia/Brisbane"
        let clock = ManualClock(F.local("2019-09-19 07:30", zone))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await F.employee(admin, "Nancy")
            let office = try await F.site(admin, "Brisbane office", latitude: "-27.4698", longitude: "153.0251", zone: zone)
            _ = try await F.group(admin, AttendanceGroupInput(name: "Brisbane", timeZone: zone, schedule: F.weekdays("07:30", "16:30"),
                                                              sites: [GroupSiteDTO(siteID: office.id, radiusMeters: 300)], employeeIDs: [me.id]))
            #expect(try await F.punch(nancy, at: clock, latitude: "-27.4698", longitude: "153.0251").status == .created)
            clock.advance(2 * 3600)
            #expect(try await F.punch(nancy, at: clock, latitude: "-27.4698", longitude: "153.0251").status == .created)
            clock.advance(24 * 3600)

            let month: EmployeeMonthDTO = try await nancy.get("/api/v1/attendance/results?month=2019-09").decode()
            let day = try #require(month.days.first { $0.date == "2019-09-19" })
            #expect(day.workedMinutes == 120)
            #expect(day.punchCount == 2)
            #expect(month.days.filter { $0.date != "2019-09-19" }.allSatisfy { $0.workedMinutes == 0 })
            #expect(month.summary.workedMinutes == 120)
            let punches: [PunchDTO] = try await nancy.get("/api/v1/attendance/punches?from=2019-09-01&to=2019-09-30").decode()
            #expect(punches.map(\.workDate) == ["2019-09-19", "2019-09-19"])
            let summary: [MonthlySummaryDTO] = try await admin.get("/api/v1/attendance/summary?month=2019-09").decode()
            #expect(summary.first { $0.employeeID == me.id }?.workedMinutes == 120)
            let csv = try await admin.inLanguage("zh-CN").get("/api/v1/attendance/summary/export.csv?month=2019-09")
            #expect(csv.status == .ok)
            #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(csv.text.contains("工作时长(分钟)"))
            let nancyRow = try #require(csv.text.split(separator: "\r\n").first { $0.hasPrefix("Nancy Davolio") })
            #expect(nancyRow.split(separator: ",").map(String.init)[11] == "120")
        }
    }

    @Test("a phone clock 6 minutes off is refused live; a queued punch keeps its device time and is flagged; the same minute twice is one punch")
    func clockAndRepeats() async throws {
        let clock = ManualClock(F.local("2026-12-07 08:55", "Asia/Shanghai"))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await F.employee(admin, "Nancy")
            let office = try await F.site(admin, "Shanghai office", latitude: "31.2304", longitude: "121.4737", zone: "Asia/Shanghai")
            _ = try await F.group(admin, AttendanceGroupInput(name: "Shanghai", timeZone: "Asia/Shanghai", schedule: F.weekdays(),
                                                              sites: [GroupSiteDTO(siteID: office.id, radiusMeters: 200)], employeeIDs: [me.id]))
            let skewed = try await F.punch(nancy.inLanguage("zh-CN"), at: clock, latitude: "31.2310", longitude: "121.4740", deviceOffset: -360)
            #expect(skewed.status == .unprocessableEntity)
            #expect(try skewed.error.code == "attendance.clock_skew")
            #expect(try skewed.error.message.contains("6 分钟"))

            let first = try await F.punch(nancy, at: clock, latitude: "31.2310", longitude: "121.4740")
            clock.advance(20)
            let again = try await F.punch(nancy, at: clock, latitude: "31.2310", longitude: "121.4740")
            #expect(first.status == .created)
            #expect(again.status == .ok)
            #expect(try first.decode(PunchDTO.self).id == again.decode(PunchDTO.self).id)

            // Punched offline an hour later with a phone 10 minutes slow, sent 2 hours later.
            let pressed = clock.now.addingTimeInterval(3600 - 600)
            clock.advance(3 * 3600)
            let queued = try await F.punch(nancy, at: clock, latitude: "31.2310", longitude: "121.4740", queued: true, deviceTime: pressed,
                                           sentAt: clock.now.addingTimeInterval(-600))
            #expect(queued.status == .created, "\(queued.text)")
            let late: PunchDTO = try queued.decode()
            #expect(late.queued && late.flagged)
            #expect(late.at == pressed)
            #expect(late.clockSkewSeconds == 600)
            let tooOld = try await F.punch(nancy, at: clock, latitude: "31.2310", longitude: "121.4740", queued: true,
                                           deviceTime: clock.now.addingTimeInterval(-8 * 86_400))
            #expect(try tooOld.error.code == "attendance.queued_too_old")
            let punches: [PunchDTO] = try await nancy.get("/api/v1/attendance/punches?from=2026-12-07&to=2026-12-07").decode()
            #expect(punches.count == 2)
        }
    }

    @Test("days before someone joined their group are not judged by it: untracked, not absent; saving the group again keeps the day each member joined")
    func membershipStartsWhenAdded() async throws {
        let zone = "Asia/Shanghai"
        let clock = ManualClock(F.local("2026-12-10 10:00", zone))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await F.employee(admin, "Nancy")
            let steven = try await F.employee(admin, "Steven")
            let group = try await F.group(admin, AttendanceGroupInput(name: "Shanghai", timeZone: zone, schedule: F.weekdays(), employeeIDs: [nancy.id]))
            clock.advance(5 * 86_400)  // Tuesday the 15th
            let saved = try await admin.send(.PATCH, "/api/v1/attendance/groups/\(group.id)", json: AttendanceGroupInput(
                version: group.version, employeeIDs: [nancy.id, steven.id]))
            #expect(saved.status == .ok, "\(saved.text)")
            clock.advance(5 * 86_400)
            func statuses(_ id: UUID) async throws -> [String: [String]] {
                let month: EmployeeMonthDTO = try await admin.get("/api/v1/attendance/results?month=2026-12&employee=\(id)").decode()
                return Dictionary(uniqueKeysWithValues: month.days.map { ($0.date, $0.statuses) })
            }
            let hers = try await statuses(nancy.id)
            #expect(hers["2026-12-09"] == ["untracked"])
            #expect(hers["2026-12-10"] == ["absent"])
            #expect(hers["2026-12-14"] == ["absent"])
            let his = try await statuses(steven.id)
            #expect(his["2026-12-14"] == ["untracked"])
            #expect(his["2026-12-15"] == ["absent"])
            let summary: EmployeeMonthDTO = try await admin.get("/api/v1/attendance/results?month=2026-12&employee=\(nancy.id)").decode()
            #expect(summary.summary.absentDays == 7)
        }
    }

    @Test("a night shift's check-out belongs to the day the shift started; the next day is not touched")
    func nightShift() async throws {
        let zone = "Asia/Shanghai"
        let clock = ManualClock(F.local("2026-12-07 21:55", zone))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await F.employee(admin, "Nancy")
            let office = try await F.site(admin, "Plant", latitude: "31.2304", longitude: "121.4737", zone: zone)
            let group = try await F.group(admin, AttendanceGroupInput(
                name: "Night", timeZone: zone, schedule: AttendanceScheduleDTO(kind: "shifts", shifts: [ShiftDTO(key: "N", name: "Night", start: "22:00", end: "06:00")]),
                graceLateMinutes: 5, sites: [GroupSiteDTO(siteID: office.id, radiusMeters: 200)], employeeIDs: [me.id]))
            let roster = try await admin.send(.PUT, "/api/v1/attendance/groups/\(group.id)/roster",
                                              json: RosterInput(entries: [RosterEntryDTO(employeeID: me.id, date: "2026-12-07", shift: "N")]))
            #expect(roster.status == .ok, "\(roster.text)")
            #expect(try await F.punch(nancy, at: clock, latitude: "31.2304", longitude: "121.4737").status == .created)
            clock.advance(8 * 3600 + 10 * 60)  // 06:05 on the 8th
            let out: PunchDTO = try await F.punch(nancy, at: clock, latitude: "31.2304", longitude: "121.4737").decode()
            #expect(out.workDate == "2026-12-07")
            clock.advance(30 * 3600)
            let month: EmployeeMonthDTO = try await nancy.get("/api/v1/attendance/results?month=2026-12").decode()
            let night = try #require(month.days.first { $0.date == "2026-12-07" })
            #expect(night.shift == "N")
            #expect(night.workedMinutes == 490)
            #expect(night.statuses == ["onTime"])
            let next = try #require(month.days.first { $0.date == "2026-12-08" })
            #expect(next.kind == "rest")
            #expect(next.punchCount == 0)
        }
    }

    @Test("L-03 L-04 the China calendar imported per year answers every module's working-day question: 27 Jan–8 Feb 2025 is 5 days; 2024/2025/2026 are 251/248/248")
    func workingDays() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let me = try await F.employee(admin, "Nancy")
            let calendar: HolidayCalendarDTO = try await admin.post("/api/v1/attendance/calendars", json: HolidayCalendarInput(name: "中国法定节假日")).decode()
            for year in [2024, 2025, 2026] {
                let data = try Data(contentsOf: TestDatabases.packageRoot.appendingPathComponent("Demo/holiday-cn/\(year).json"))
                let answer = try await admin.send(.POST, "/api/v1/attendance/calendars/\(calendar.id)/import-cn", bytes: data, contentType: "application/json")
                #expect(answer.status == .ok, "\(answer.text)")
            }
            _ = try await F.group(admin, AttendanceGroupInput(name: "Beijing", timeZone: "Asia/Shanghai", calendarID: calendar.id, schedule: F.weekdays(),
                                                              employeeIDs: [me.id]))
            let tenantID = try #require(try await Tenant.query(on: app.db).first()?.id)
            let leave = try await app.workingDays.workingDays(employeeID: me.id, tenantID: tenantID, from: "2025-01-27", through: "2025-02-08", on: app.db)
            #expect(leave == ["2025-01-27", "2025-02-05", "2025-02-06", "2025-02-07", "2025-02-08"])
            for (year, expected) in [(2024, 251), (2025, 248), (2026, 248)] {
                let days = try await app.workingDays.workingDays(employeeID: me.id, tenantID: tenantID, from: "\(year)-01-01", through: "\(year)-12-31", on: app.db)
                #expect(days.count == expected, "\(year)")
            }
            let twice = try await admin.send(.POST, "/api/v1/attendance/calendars/\(calendar.id)/import-cn", raw: #"{"year": 2025, "days": [{"name":"x","date":"2024-12-31","isOffDay":true}]}"#)
            #expect(twice.status == .unprocessableEntity)
            #expect(try twice.error.code == "attendance.calendar.bad_year_date")
        }
    }

    @Test("data scopes: an employee reads only their own month; a manager their department tree; HR all")
    func scopes() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let steven = try await client.signedIn(F.steven)
            let michael = try await F.employee(admin, "Michael")
            let nancyRecord = try await F.employee(admin, "Nancy")
            #expect(try await nancy.get("/api/v1/attendance/results?month=2026-11").status == .ok)
            #expect(try await nancy.get("/api/v1/attendance/results?month=2026-11&employee=\(michael.id)").status == .notFound)
            #expect(try await nancy.get("/api/v1/attendance/summary?month=2026-11").status == .forbidden)
            #expect(try await steven.get("/api/v1/attendance/results?month=2026-11&employee=\(michael.id)").status == .ok)
            #expect(try await steven.get("/api/v1/attendance/results?month=2026-11&employee=\(nancyRecord.id)").status == .notFound)
            let team: [MonthlySummaryDTO] = try await steven.get("/api/v1/attendance/summary?month=2026-11").decode()
            #expect(Set(team.compactMap(\.employeeName)) == ["Steven Buchanan", "Michael Suyama", "Robert King", "Anne Dodsworth"])
            #expect(try await admin.get("/api/v1/attendance/summary?month=2026-11").decode([MonthlySummaryDTO].self).count == 10)
            #expect(try await nancy.get("/api/v1/attendance/results?month=2026-13").status == .unprocessableEntity)
        }
    }
}

/// A stale save answers 409 with the current record at once (it once waited for SQLite's one
/// writing connection for a minute and answered 503).
@Suite("Attendance stale saves")
struct AttendanceStaleTests {
    @Test("a stale group or calendar save answers 409 with the current record")
    func staleSaves() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let group = try await AttendanceFixture.group(admin, AttendanceGroupInput(name: "Stale", schedule: AttendanceFixture.weekdays()))
            #expect(try await admin.send(.PATCH, "/api/v1/attendance/groups/\(group.id)", json: AttendanceGroupUpdate(AttendanceGroupInput(version: 1, graceLateMinutes: 5))).status == .ok)
            let stale = try await admin.send(.PATCH, "/api/v1/attendance/groups/\(group.id)", json: AttendanceGroupUpdate(AttendanceGroupInput(version: 1, graceLateMinutes: 9)))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("\"graceLateMinutes\":5"))
            let calendar: HolidayCalendarDTO = try await admin.post("/api/v1/attendance/calendars", json: HolidayCalendarInput(name: "Stale")).decode()
            #expect(try await admin.send(.PATCH, "/api/v1/attendance/calendars/\(calendar.id)", json: HolidayCalendarUpdate(version: 1, restWeekdays: [7])).status == .ok)
            #expect(try await admin.send(.PATCH, "/api/v1/attendance/calendars/\(calendar.id)", json: HolidayCalendarUpdate(version: 1, restWeekdays: [6])).status == .conflict)
            // With an Idempotency-Key the whole request is one transaction: the roster's lookup joins it.
            let roster = try await admin.send(.PUT, "/api/v1/attendance/groups/\(group.id)/roster", json: RosterInput(entries: []),
                                              headers: [("Idempotency-Key", "roster-walk-1")])
            #expect(roster.status == .unprocessableEntity)
            #expect(try roster.error.code == "attendance.group.not_shifts")
        }
    }
}
