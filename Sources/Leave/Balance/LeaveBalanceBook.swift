import Foundation

/// Replays a person's ledger of one leave type into what is left of each grant (first in,
/// first out by expiry: a take uses the grant that expires first among those valid on the
/// leave's first day — carried-over days before this year's). Amounts in hundredths.
struct LeaveBalanceBook: Sendable, Equatable {
    struct Movement: Sendable, Equatable {
        var kind: String
        var amount: Int64
        var date: String
        var expiresOn: String?
        var requestID: UUID?
    }

    struct Lot: Sendable, Equatable {
        var kind: String
        var date: String
        var expiresOn: String?
        var remaining: Int64
    }

    /// What is left of each grant after every take, in grant order.
    var lots: [Lot]
    /// Taken beyond every grant (an adjustment took more than there was).
    var deficit: Int64

    init(_ movements: [Movement]) {
        // A take undone by its `restored` entry never happened.
        let restored = Set(movements.filter { $0.kind == "restored" }.compactMap(\.requestID))
        let live = movements.filter { m in
            guard let request = m.requestID, restored.contains(request) else { return true }
            return m.kind != "taken" && m.kind != "restored"
        }
        var lots = live.filter { $0.amount > 0 && $0.kind != "restored" }.sorted { ($0.date, $0.kind) < ($1.date, $1.kind) }
            .map { Lot(kind: $0.kind, date: $0.date, expiresOn: $0.expiresOn, remaining: $0.amount) }
        var deficit: Int64 = 0
        for take in live.filter({ $0.amount < 0 }).sorted(by: { $0.date < $1.date }) {
            var need = -take.amount
            let usable = lots.indices.filter { i in lots[i].remaining > 0 && lots[i].date <= take.date && (lots[i].expiresOn ?? "9999") >= take.date }
                .sorted { (lots[$0].expiresOn ?? "9999", $0) < (lots[$1].expiresOn ?? "9999", $1) }
            for i in usable where need > 0 {
                let used = min(need, lots[i].remaining)
                lots[i].remaining -= used
                need -= used
            }
            deficit += need
        }
        self.lots = lots
        self.deficit = deficit
    }

    /// What may be used on `day`: the remains of grants valid that day, less any deficit.
    func available(on day: String) -> Int64 {
        lots.filter { $0.date <= day && ($0.expiresOn ?? "9999") >= day }.map(\.remaining).reduce(0, +) - deficit
    }
}
