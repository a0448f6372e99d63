import Foundation

// What the OpenAPI document says of the shared list mechanism's request bodies beyond their Codable shape.

extension SavedListFilterInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 80), "query": SchemaRefinement(required: true, maxLength: 2_000)]
    }
}
extension ListColumnsInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["columns": SchemaRefinement(required: true, maxItems: 50)] }
}
extension ListBulkRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["ids": SchemaRefinement(required: true, minItems: 1, maxItems: 200)] }
}
extension ListExportRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["format": .oneOf(["csv", "xlsx"], required: true), "query": SchemaRefinement(required: true, maxLength: 2_000)]
    }
}
