/// One page of a list answer (DESIGN §4).
///
/// Shape: `{"items":[…],"page":1,"limit":20,"total":91}`. `page` starts at 1; a page past the end
/// has `items: []`. Items are in a stable order with the id as the last tie-breaker, so no page
/// repeats another (case A-31).
///
/// Lists built on the shared list mechanism count at most ``countBound`` rows, so a page costs
/// the page and not the table: past that, `total` is the bound and `totalIsLowerBound` is true
/// (shown as "10,000+"); the key is absent when `total` is exact.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var page: Int
    public var limit: Int
    public var total: Int
    public var totalIsLowerBound: Bool?

    /// The most rows a list counts (see ``totalIsLowerBound``).
    public static var countBound: Int { 10_000 }

    public init(items: [Item], page: Int, limit: Int, total: Int, totalIsLowerBound: Bool? = nil) {
        self.items = items
        self.page = page
        self.limit = limit
        self.total = total
        self.totalIsLowerBound = totalIsLowerBound == true ? true : nil
    }
}
