import Foundation

/// The one rule for the time of something a phone reports from the field — an attendance punch,
/// a visit check-in or check-out (issue 10 point 2, issue 12 point 5).
///
/// Live, the server's clock is the time, and a phone whose clock is more than ``allowedSkew`` off
/// is refused (a wrong clock is how people bend attendance). Queued while offline, the phone's
/// time is kept if it is neither in the future nor older than ``queuedLimit``, and the skew
/// measured when it was sent (`sentAt`) is recorded so that a far-off clock can be flagged.
public enum DeviceTime {
    /// How far a phone's clock may be off: 5 minutes.
    public static let allowedSkew: TimeInterval = 300
    /// How old a queued report may be when it arrives: 7 days.
    public static let queuedLimit: TimeInterval = 7 * 86_400

    /// The time to record and the skew seen.
    public struct Judgement: Sendable, Equatable {
        public let at: Date
        /// Server minus phone, in seconds (positive: the phone is behind).
        public let skew: TimeInterval
        /// Whether the skew is beyond ``allowedSkew`` (only possible for a queued report).
        public var flagged: Bool { abs(skew) > DeviceTime.allowedSkew }
    }

    /// Judges a report's device time.
    /// - Parameters:
    ///   - prefix: the caller's message prefix: errors are `<prefix>.clock_skew` (param `minutes`),
    ///     `<prefix>.queued_future`, `<prefix>.queued_too_old`.
    /// - Throws: 422 ``DomainError`` with those codes.
    public static func judge(deviceTime: Date, sentAt: Date?, queued: Bool, now: Date, prefix: String) throws -> Judgement {
        if queued {
            guard deviceTime <= now.addingTimeInterval(allowedSkew) else { throw DomainError(status: 422, code: "\(prefix).queued_future") }
            guard deviceTime >= now.addingTimeInterval(-queuedLimit) else { throw DomainError(status: 422, code: "\(prefix).queued_too_old") }
            return Judgement(at: deviceTime, skew: sentAt.map { now.timeIntervalSince($0) } ?? 0)
        }
        let skew = now.timeIntervalSince(deviceTime)
        guard abs(skew) <= allowedSkew else {
            throw DomainError(status: 422, code: "\(prefix).clock_skew", params: ["minutes": String(Int((abs(skew) / 60).rounded()))])
        }
        return Judgement(at: now, skew: skew)
    }

    /// An ISO 8601 instant (with or without fractional seconds) from a client, or nil after
    /// appending `field.required` (when `required`) or `<prefix>.bad_instant` at `path`.
    public static func instant(_ text: String?, path: String, required: Bool, prefix: String, problems: inout [DomainError.Field]) -> Date? {
        guard let text, !text.isEmpty else {
            if required { problems.append(.init(path, "field.required")) }
            return nil
        }
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard text.count <= 40, let date = plain.date(from: text) ?? fractional.date(from: text) else {
            problems.append(.init(path, "\(prefix).bad_instant"))
            return nil
        }
        return date
    }
}
