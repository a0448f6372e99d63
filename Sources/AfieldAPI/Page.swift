/// One page of a list answer (DESIGN §4).
///
/// Shape: `{"items":[…],"page":1,"limit":20,"total":91}`. `page` starts at 1; a page past the end
/// has `items: []`. Items are in a stable order with the id as the last tie-breaker, so no page
/// repeats another (case A-31).
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var page: Int
    public var limit: Int
    public var total: Int

    public init(items: [Item], page: Int, limit: Int, total: Int) {
        self.items = items
        self.page = page
        self.limit = limit
        self.total = total
    }
}
