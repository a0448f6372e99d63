import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// What attendance tests set up through the API: an office site, a group, people in it.
enum AttendanceFixture {
    static let nancy = "nancy.davolio@northwind.example"
    static let steven = "steven.buchanan@northwind.example"

    static func employee(_ api: APIClient, _ name: String) async throws -> EmployeeDTO {
        let page: AfieldAPI.Page<EmployeeDTO> = try await api.get("/api/v1/org/employees?q=\(name)").decode()
        return try #require(page.items.first { $0.name.hasPrefix(name) })
    }

    /// A site at (`latitude`, `longitude`) in `zone`.
    static func site(_ api: APIClient, _ name: String, latitude: String, longitude: String, zone: String) async throws -> SiteDTO {
        let answer = try await api.post("/api/v1/org/sites", json: SiteInput(name: name, latitude: DecimalText(latitude), longitude: DecimalText(longitude),
                                                                             timeZone: zone))
        #expect(answer.status == .created, "\(answer.text)")
        return try answer.decode()
    }

    /// Monday to Friday `start`–`end`.
    static func weekdays(_ start: String = "09:00", _ end: String = "18:00") -> AttendanceScheduleDTO {
        AttendanceScheduleDTO(kind: "fixed", weekdays: (1...5).map { WorkHoursDTO(weekday: $0, start: start, end: end) })
    }

    static func group(_ api: APIClient, _ input: AttendanceGroupInput) async throws -> AttendanceGroupDTO {
        let answer = try await api.post("/api/v1/attendance/groups", json: input)
        #expect(answer.status == .created, "\(answer.text)")
        return try answer.decode()
    }

    /// An ISO 8601 text of `date` (UTC).
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// The instant of local `text` (`2019-09-19 07:30`) in `zone`.
    static func local(_ text: String, _ zone: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    static func punch(_ api: APIClient, at clock: ManualClock, latitude: String, longitude: String, note: String? = nil, deviceOffset: TimeInterval = 0,
                      queued: Bool? = nil, deviceTime: Date? = nil, sentAt: Date? = nil) async throws -> APIClient.Answer {
        try await api.post("/api/v1/attendance/punches", json: PunchInput(
            latitude: DecimalText(latitude), longitude: DecimalText(longitude), accuracy: 15,
            deviceTime: iso(deviceTime ?? clock.now.addingTimeInterval(deviceOffset)), queued: queued, sentAt: sentAt.map(iso), note: note))
    }

    /// Approves every request waiting in `approver`'s inbox (the default flows of leave, claims
    /// and corrections ask the requester's direct manager); returns how many.
    @discardableResult
    static func approveInbox(_ approver: APIClient) async throws -> Int {
        let inbox: AfieldAPI.Page<ApprovalSummaryDTO> = try await approver.get("/api/v1/approvals/instances?box=todo&limit=100").decode()
        var approved = 0
        for item in inbox.items {
            guard let task = item.myTaskId else { continue }
            let answer = try await approver.post("/api/v1/approvals/tasks/\(task)/approve", json: ApprovalDecisionRequest(comment: "ok"))
            #expect(answer.status == .ok, "\(answer.text)")
            approved += 1
        }
        return approved
    }
}
