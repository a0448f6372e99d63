/// What an idempotent import did with one record.
public enum ImportOutcome: String, Sendable {
    case created, updated, unchanged
}

/// Counts of ``ImportOutcome`` per kind of record, e.g. `customers: 91 created`.
public struct ImportTally: Sendable, Equatable, CustomStringConvertible {
    public struct Counts: Sendable, Equatable {
        public var created = 0, updated = 0, unchanged = 0
        public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0) {
            self.created = created
            self.updated = updated
            self.unchanged = unchanged
        }
        public var total: Int { created + updated + unchanged }
    }

    public private(set) var kinds: [String] = []
    public private(set) var counts: [String: Counts] = [:]

    public init() {}

    public mutating func add(_ outcome: ImportOutcome, kind: String) {
        if counts[kind] == nil { kinds.append(kind); counts[kind] = Counts() }
        switch outcome {
        case .created: counts[kind]!.created += 1
        case .updated: counts[kind]!.updated += 1
        case .unchanged: counts[kind]!.unchanged += 1
        }
    }

    public subscript(kind: String) -> Counts { counts[kind] ?? Counts() }

    public var description: String {
        kinds.map { kind in
            let c = counts[kind]!
            return "\(kind): \(c.created) created, \(c.updated) updated, \(c.unchanged) unchanged"
        }.joined(separator: "\n")
    }
}
