import Foundation

/// One source in `GET /api/v1/crm/reports/sources`: what came in during the period.
public struct SourceRowDTO: Codable, Sendable, Equatable {
    /// The source as entered; `""` when none was given.
    public var source: String
    public var customers: Int
    public var leads: Int
    public var convertedLeads: Int
    public init(source: String, customers: Int, leads: Int, convertedLeads: Int) {
        self.source = source
        self.customers = customers
        self.leads = leads
        self.convertedLeads = convertedLeads
    }
}

/// `GET /api/v1/crm/reports/sources`: new customers and leads by source.
public struct SourceReportDTO: Codable, Sendable, Equatable {
    /// `YYYY-MM-DD`, inclusive.
    public var from: String
    public var to: String
    public var rows: [SourceRowDTO]
    public var totals: SourceRowDTO
    public init(from: String, to: String, rows: [SourceRowDTO], totals: SourceRowDTO) {
        self.from = from
        self.to = to
        self.rows = rows
        self.totals = totals
    }
}

/// A rep's visits and follow-ups in one ISO week (`2026-W49`).
public struct ActivityWeekDTO: Codable, Sendable, Equatable {
    public var week: String
    public var visits: Int
    public var followUps: Int
    public init(week: String, visits: Int, followUps: Int) {
        self.week = week
        self.visits = visits
        self.followUps = followUps
    }
}

/// One rep in `GET /api/v1/crm/reports/activity`; `weeks` in the report's week order.
public struct ActivityRowDTO: Codable, Sendable, Equatable {
    public var ownerId: UUID
    public var ownerName: String?
    public var visits: Int
    public var followUps: Int
    public var weeks: [ActivityWeekDTO]
    public init(ownerId: UUID, ownerName: String?, visits: Int, followUps: Int, weeks: [ActivityWeekDTO]) {
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.visits = visits
        self.followUps = followUps
        self.weeks = weeks
    }
}

/// `GET /api/v1/crm/reports/activity`: done visits (by their day) and follow-ups (by their
/// time, in the reader's time zone) per rep per ISO week (Monday first).
public struct ActivityReportDTO: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var weeks: [String]
    public var rows: [ActivityRowDTO]
    public var totals: ActivityWeekDTO
    public init(from: String, to: String, weeks: [String], rows: [ActivityRowDTO], totals: ActivityWeekDTO) {
        self.from = from
        self.to = to
        self.weeks = weeks
        self.rows = rows
        self.totals = totals
    }
}

/// One owner's count in ``IdleCustomersDTO``.
public struct OwnerCountDTO: Codable, Sendable, Equatable {
    public var ownerId: UUID
    public var ownerName: String?
    public var count: Int
    public init(ownerId: UUID, ownerName: String?, count: Int) {
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.count = count
    }
}

/// `GET /api/v1/crm/reports/idle-customers?days=N`: customers with no follow-up or visit
/// since `since` (today − N days, the reader's time zone), per owner, most first. `since` is
/// the customer list's `notFollowedSince` filter value for the same customers.
public struct IdleCustomersDTO: Codable, Sendable, Equatable {
    public var days: Int
    public var since: String
    public var total: Int
    public var rows: [OwnerCountDTO]
    public init(days: Int, since: String, total: Int, rows: [OwnerCountDTO]) {
        self.days = days
        self.since = since
        self.total = total
        self.rows = rows
    }
}

/// A count with its amount (decimal text).
public struct CountAmountDTO: Codable, Sendable, Equatable {
    public var count: Int
    public var amount: String
    public init(count: Int, amount: String) {
        self.count = count
        self.amount = amount
    }
}

/// A lost reason in ``OutcomeReportDTO``.
public struct LostReasonDTO: Codable, Sendable, Equatable {
    public var reason: String
    public var count: Int
    public var amount: String
    public init(reason: String, count: Int, amount: String) {
        self.reason = reason
        self.count = count
        self.amount = amount
    }
}

/// One rep in ``OutcomeReportDTO``.
public struct OwnerOutcomeDTO: Codable, Sendable, Equatable {
    public var ownerId: UUID
    public var ownerName: String?
    public var won: Int
    public var lost: Int
    public var wonAmount: String
    public var lostAmount: String
    /// Percent with one decimal, `won / (won + lost)`.
    public var winRate: String
    public init(ownerId: UUID, ownerName: String?, won: Int, lost: Int, wonAmount: String, lostAmount: String, winRate: String) {
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.won = won
        self.lost = lost
        self.wonAmount = wonAmount
        self.lostAmount = lostAmount
        self.winRate = winRate
    }
}

/// `GET /api/v1/crm/reports/outcomes`: opportunities won and lost in the period (by when they
/// closed), the lost reasons, and each rep's win rate.
public struct OutcomeReportDTO: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var currency: String
    public var won: CountAmountDTO
    public var lost: CountAmountDTO
    public var winRate: String
    public var reasons: [LostReasonDTO]
    public var byOwner: [OwnerOutcomeDTO]
    public init(from: String, to: String, currency: String, won: CountAmountDTO, lost: CountAmountDTO, winRate: String, reasons: [LostReasonDTO],
                byOwner: [OwnerOutcomeDTO]) {
        self.from = from
        self.to = to
        self.currency = currency
        self.won = won
        self.lost = lost
        self.winRate = winRate
        self.reasons = reasons
        self.byOwner = byOwner
    }
}
