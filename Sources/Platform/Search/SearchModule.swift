import AfieldAPI
import Fluent
import Foundation
import Vapor

/// `/api/v1/search`: one box that finds customers, suppliers, products, orders, people and
/// approvals by name, number or phone (issue 9 point 3). The kinds come from every module's
/// ``AfieldModule/searchProviders``; each is asked only when the caller holds its permission and
/// answers under the caller's data scope, so search shows nothing the lists would not.
public struct SearchModule: AfieldModule {
    public static let id = "search"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]
    /// Hits per kind unless `limit` says otherwise, and the most a caller may ask for.
    public static let defaultLimit = 5
    public static let maximumLimit = 20

    public init() {}

    public var permissions: [Permission] { [] }
    public var migrations: [any AsyncMigration] { [] }
    public var messages: [String: MessageCatalog.Entry] {
        ["search.invalid_limit": .init(en: "The number of results per kind must be between 1 and {max}.",
                                       zhCN: "每类结果数必须在 1 到 {max} 之间。")]
    }

    public func routes(_ api: any RoutesBuilder) throws {
        api.on(.GET, permission: .authenticated,
               summary: "Search every kind of record the caller may read, by name, number or phone; a few hits per kind",
               query: ["q", .integer("limit", minimum: 1, maximum: Self.maximumLimit)]) { req async throws -> SearchResults in
            let actor = try req.actor
            var limit = Self.defaultLimit
            if let text = req.queryText("limit") {
                guard let number = Int(text), (1...Self.maximumLimit).contains(number) else {
                    throw DomainError.invalid([.init("limit", "search.invalid_limit", params: ["max": String(Self.maximumLimit)])])
                }
                limit = number
            }
            guard let text = req.queryText("q").flatMap(SearchText.init) else { return SearchResults(query: "", groups: []) }
            let context = SearchContext(text: text, limit: limit, actor: actor, db: req.database,
                                        catalog: req.application.afield.catalog, language: req.language)
            return try await Self.search(context, providers: req.application.afield.searchProviders)
        }
    }

    /// Asks each provider the caller may use, by ``SearchProvider/priority``; kinds with no hit are left out.
    public static func search(_ context: SearchContext, providers: [SearchProvider]) async throws -> SearchResults {
        var groups: [SearchGroup] = []
        let encoded = context.text.raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let ordered = providers.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }.map(\.element)
        for provider in ordered where context.actor.holds(provider.permission) {
            let hits = try await provider.search(context)
            guard !hits.isEmpty else { continue }
            groups.append(SearchGroup(kind: provider.kind, title: context.message("search.kind.\(provider.kind)"),
                                      hits: Array(hits.prefix(context.limit)), hasMore: hits.count > context.limit,
                                      morePath: provider.morePath?(encoded)))
        }
        return SearchResults(query: context.text.raw, groups: groups)
    }
}
