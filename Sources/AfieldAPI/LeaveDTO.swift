import Foundation

/// A leave type (假期类型) of the company. `unit`: `day` (whole days), `halfDay` (days, with
/// half days), `hour`. `countsHolidays`: the duration counts every calendar day (maternity
/// leave in China) instead of the person's working days. `tracksBalance`: requests draw on a
/// balance (annual leave, compensatory leave) and are refused beyond it.
public struct LeaveTypeDTO: Codable, Sendable, Equatable {
    public var id: UUID
    /// `annual`, `sick`, `personal`, `marriage`, `maternity`, `paternity`, `bereavement`, `compensatory`.
    public var key: String
    public var name: String
    public var unit: String
    public var paid: Bool
    public var needsDocument: Bool
    public var countsHolidays: Bool
    public var tracksBalance: Bool
    public init(id: UUID, key: String, name: String, unit: String, paid: Bool, needsDocument: Bool, countsHolidays: Bool, tracksBalance: Bool) {
        self.id = id
        self.key = key
        self.name = name
        self.unit = unit
        self.paid = paid
        self.needsDocument = needsDocument
        self.countsHolidays = countsHolidays
        self.tracksBalance = tracksBalance
    }
}

/// One part of a balance: granted amount still usable and when it expires (`expiresOn`
/// `YYYY-MM-DD`, absent: does not expire). `kind`: `accrual`, `carryOver`, `earned`, `adjustment`.
public struct LeaveLotDTO: Codable, Sendable, Equatable {
    public var kind: String
    public var remaining: String
    public var expiresOn: String?
    public init(kind: String, remaining: String, expiresOn: String?) {
        self.kind = kind
        self.remaining = remaining
        self.expiresOn = expiresOn
    }
}

/// An employee's balance of one leave type on `asOf`, in the type's unit as decimal text
/// (`5`, `2.5`): `available` what may be requested now (granted, not expired, minus taken and
/// minus `pending` requests still being approved).
public struct LeaveBalanceDTO: Codable, Sendable, Equatable {
    public var type: String
    public var typeName: String
    public var unit: String
    public var asOf: String
    public var available: String
    public var pending: String
    public var lots: [LeaveLotDTO]
    public init(type: String, typeName: String, unit: String, asOf: String, available: String, pending: String, lots: [LeaveLotDTO]) {
        self.type = type
        self.typeName = typeName
        self.unit = unit
        self.asOf = asOf
        self.available = available
        self.pending = pending
        self.lots = lots
    }
}

/// `POST /api/v1/leave/requests` (and `…/preview`): `type` a leave type key; `startDate` and
/// `endDate` `YYYY-MM-DD` (both included); `halfDays` days of the range taken as half days
/// (types with unit `halfDay`); `hours` for types with unit `hour` (a single day); `attachments`
/// uploaded files (a medical certificate). The request is submitted for approval at once.
public struct LeaveRequestInput: Codable, Sendable, APISchemaRefining {
    public var type: String?
    public var startDate: String?
    public var endDate: String?
    public var halfDays: [String]?
    public var hours: DecimalText?
    public var reason: String?
    public var attachments: [UUID]?
    public init(type: String?, startDate: String?, endDate: String?, halfDays: [String]? = nil, hours: DecimalText? = nil, reason: String? = nil,
                attachments: [UUID]? = nil) {
        self.type = type
        self.startDate = startDate
        self.endDate = endDate
        self.halfDays = halfDays
        self.hours = hours
        self.reason = reason
        self.attachments = attachments
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["type": SchemaRefinement(required: true, minLength: 1, maxLength: 40), "startDate": SchemaRefinement(required: true, format: "date"),
         "endDate": SchemaRefinement(required: true, format: "date"), "halfDays": SchemaRefinement(maxItems: 62), "reason": .text(max: 500),
         "attachments": SchemaRefinement(maxItems: 10)]
    }
}

/// One day a request takes and how much of it (`1`, `0.5`; hours for hourly types).
public struct LeaveDayDTO: Codable, Sendable, Equatable {
    public var date: String
    public var amount: String
    public init(date: String, amount: String) {
        self.date = date
        self.amount = amount
    }
}

/// What a request would take (`POST /api/v1/leave/requests/preview`): `amount` in the type's
/// unit, the days it counts, the balance (`available`, absent for untracked types) and whether
/// it is enough.
public struct LeavePreviewDTO: Codable, Sendable, Equatable {
    public var type: String
    public var unit: String
    public var amount: String
    public var days: [LeaveDayDTO]
    public var available: String?
    public var enough: Bool
    public init(type: String, unit: String, amount: String, days: [LeaveDayDTO], available: String?, enough: Bool) {
        self.type = type
        self.unit = unit
        self.amount = amount
        self.days = days
        self.available = available
        self.enough = enough
    }
}

/// A leave request. `state`: `pending` (being approved), `approved`, `rejected`, `withdrawn`,
/// `cancelled` (after approval; the balance is restored).
public struct LeaveRequestDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var number: String
    public var employeeID: UUID
    public var employeeName: String
    public var type: String
    public var typeName: String
    public var unit: String
    public var startDate: String
    public var endDate: String
    public var halfDays: [String]
    public var hours: String?
    public var amount: String
    public var days: [LeaveDayDTO]
    public var reason: String?
    public var attachments: [UUID]
    public var state: String
    public var approvalID: UUID?
    public var version: Int
    public var createdAt: Date
    public init(id: UUID, number: String, employeeID: UUID, employeeName: String, type: String, typeName: String, unit: String, startDate: String,
                endDate: String, halfDays: [String], hours: String?, amount: String, days: [LeaveDayDTO], reason: String?, attachments: [UUID],
                state: String, approvalID: UUID?, version: Int, createdAt: Date) {
        self.id = id
        self.number = number
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.type = type
        self.typeName = typeName
        self.unit = unit
        self.startDate = startDate
        self.endDate = endDate
        self.halfDays = halfDays
        self.hours = hours
        self.amount = amount
        self.days = days
        self.reason = reason
        self.attachments = attachments
        self.state = state
        self.approvalID = approvalID
        self.version = version
        self.createdAt = createdAt
    }
}

/// `POST /api/v1/leave/requests/{id}/cancel`: the version read (stale → 409).
public struct LeaveCancelRequest: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public init(version: Int?) { self.version = version }
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required] }
}

/// `POST /api/v1/leave/accruals`: grants every current employee their annual leave for `year`
/// (China's rule; prorated in the year of joining). Running it again grants nothing twice.
/// `carryOverDays`: at most this much of last year's unused annual leave moves into `year`,
/// usable until `carryOverExpiresOn` (both or neither).
public struct LeaveAccrualRequest: Codable, Sendable, APISchemaRefining {
    public var year: Int?
    public var carryOverDays: DecimalText?
    public var carryOverExpiresOn: String?
    public init(year: Int?, carryOverDays: DecimalText? = nil, carryOverExpiresOn: String? = nil) {
        self.year = year
        self.carryOverDays = carryOverDays
        self.carryOverExpiresOn = carryOverExpiresOn
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["year": SchemaRefinement(required: true, minimum: 2000, maximum: 2100), "carryOverExpiresOn": SchemaRefinement(format: "date")]
    }
}

/// What an accrual run granted: per employee, annual days and carried-over days.
public struct LeaveAccrualDTO: Codable, Sendable, Equatable {
    public struct Grant: Codable, Sendable, Equatable {
        public var employeeID: UUID
        public var employeeName: String
        public var annual: String
        public var carriedOver: String
        public init(employeeID: UUID, employeeName: String, annual: String, carriedOver: String) {
            self.employeeID = employeeID
            self.employeeName = employeeName
            self.annual = annual
            self.carriedOver = carriedOver
        }
    }
    public var year: Int
    public var grants: [Grant]
    public init(year: Int, grants: [Grant]) {
        self.year = year
        self.grants = grants
    }
}

/// `PATCH /api/v1/leave/profiles/{employeeId}`: when the employee started working at all
/// (参加工作时间, `YYYY-MM-DD`), which decides their annual leave; by default their hire date.
public struct LeaveProfileInput: Codable, Sendable, APISchemaRefining {
    public var workStartDate: String?
    public init(workStartDate: String?) { self.workStartDate = workStartDate }
    public static var schemaRefinements: [String: SchemaRefinement] { ["workStartDate": SchemaRefinement(required: true, format: "date")] }
}

/// An employee's leave profile.
public struct LeaveProfileDTO: Codable, Sendable, Equatable {
    public var employeeID: UUID
    public var workStartDate: String?
    public var hireDate: String?
    public init(employeeID: UUID, workStartDate: String?, hireDate: String?) {
        self.employeeID = employeeID
        self.workStartDate = workStartDate
        self.hireDate = hireDate
    }
}
