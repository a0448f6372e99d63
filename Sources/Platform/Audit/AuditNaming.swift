import AfieldAPI
import Fluent
import Foundation

/// Every module's ``AuditEntityKind``s, merged at start-up: turns audit entries into labels,
/// record names and sentences in the reader's language.
public struct AuditNaming: Sendable {
    private var kinds: [String: AuditEntityKind] = [:]

    public init(_ kinds: [AuditEntityKind] = []) {
        for kind in kinds where self.kinds[kind.entity] == nil { self.kinds[kind.entity] = kind }
    }

    /// Entities declared twice (the first declaration wins), for a start-up warning.
    public static func duplicates(_ kinds: [AuditEntityKind]) -> [String] {
        Dictionary(grouping: kinds, by: \.entity).filter { $0.value.count > 1 }.keys.sorted()
    }

    /// Whether `entity` and its `action` have words of their own (not the code shown as it is).
    public func knows(entity: String, action: String) -> Bool {
        guard let kind = kinds[entity] else { return false }
        return kind.actions[action] != nil || AuditSentences.common[action] != nil
    }

    /// "Sales order", or the code itself for an entity no module declared.
    public func label(_ entity: String, _ language: AppLanguage) -> String {
        kinds[entity].map { text($0.label, language) } ?? entity
    }

    /// Every declared kind with its label, sorted by label, for the viewer's filter.
    public func labels(_ language: AppLanguage) -> [AuditEntityLabel] {
        kinds.keys.map { AuditEntityLabel(entity: $0, label: label($0, language)) }
            .sorted { $0.label != $1.label ? $0.label.localizedStandardCompare($1.label) == .orderedAscending : $0.entity < $1.entity }
    }

    /// The entry as a sentence: "Confirmed sales order SO-1997-10248".
    /// - Parameter state: the record's state after the change, when the entry changed it; a kind
    ///   may word an action by where it led (`confirm>pending`: "Sent … for approval").
    public func sentence(entity: String, action: String, state: String? = nil, name: String?, _ language: AppLanguage) -> String {
        let kind = kinds[entity]
        let declared = state.flatMap { kind?.actions["\(action)>\($0)"] } ?? kind?.actions[action]
        let template = text(declared ?? AuditSentences.common[action] ?? AuditSentences.unknown, language)
        var label = label(entity, language)
        if language == .en, !template.hasPrefix("{entity}") { label = Self.midSentence(label) }
        var namePart = ""
        if let name, !name.isEmpty {
            let quoted = kind?.quotesNames ?? true
            switch language {
            case .en: namePart = quoted ? " “\(name)”" : " \(name)"
            case .zhCN: namePart = quoted ? "“\(name)”" : " \(name)"
            }
        }
        return template.replacingOccurrences(of: "{entity}", with: label).replacingOccurrences(of: "{name}", with: namePart)
            .replacingOccurrences(of: "{action}", with: action)
    }

    /// The names of the records `entries` are about, by entity and id; one query per kind.
    public func names(of entries: [AuditEntry], tenantID: UUID, on db: any Database) async throws -> [String: [UUID: String]] {
        var result: [String: [UUID: String]] = [:]
        for (entity, group) in Dictionary(grouping: entries, by: \.entity) {
            guard let names = kinds[entity]?.names else { continue }
            let ids = Array(Set(group.compactMap(\.entityID)))
            if !ids.isEmpty { result[entity] = try await names.lookUp(ids, tenantID, db) }
        }
        return result
    }

    private func text(_ entry: MessageCatalog.Entry, _ language: AppLanguage) -> String {
        language == .zhCN ? entry.zhCN : entry.en
    }

    /// "Sales order" → "sales order" inside an English sentence; "API token" keeps its capitals.
    static func midSentence(_ label: String) -> String {
        let letters = Array(label)
        guard letters.count > 1, letters[0].isUppercase, !letters[1].isUppercase else { return label }
        return letters[0].lowercased() + String(letters.dropFirst())
    }
}
