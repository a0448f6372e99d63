import Foundation

// What the OpenAPI document says of CRM request bodies beyond their Codable shape.

extension SchemaPattern {
    /// Several lines (``text``) with at least one character that is not white space.
    public static let noteNotBlank = #"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]*[^\s\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]*$"#
    /// A month `YYYY-MM`.
    public static let month = #"^[0-9]{4}-(0[1-9]|1[0-2])$"#
}

private func line(_ max: Int) -> SchemaRefinement { SchemaRefinement(maxLength: max, pattern: SchemaPattern.line) }
private let instant = SchemaRefinement(format: "date-time")
/// Up to `max` names, each a not-blank line of at most `length` characters.
func nameList(max: Int, length: Int) -> SchemaRefinement {
    .replaced(by: ["type": "array", "maxItems": .number(max),
                   "items": ["type": "string", "minLength": 1, "maxLength": .number(length), "pattern": .string(SchemaPattern.notBlank)]])
}
private let divisions: [String: SchemaRefinement] = [
    "provinceCode": SchemaRefinement(maxLength: 6, pattern: "^[0-9]*$"), "cityCode": SchemaRefinement(maxLength: 6, pattern: "^[0-9]*$"),
    "districtCode": SchemaRefinement(maxLength: 6, pattern: "^[0-9]*$"),
]

extension RoutePlanInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["startLatitude": .required, "startLongitude": .required, "customerIds": SchemaRefinement(required: true, minItems: 1, maxItems: 50)]
    }
}
extension RouteSaveInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["date": SchemaRefinement(required: true, format: "date"), "customerIds": SchemaRefinement(required: true, minItems: 1, maxItems: 50)]
    }
}
extension VisitInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["plannedFor": .date, "purpose": line(200)] }
}
extension VisitCheckInInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["latitude": .required, "longitude": .required, "deviceTime": SchemaRefinement(required: true, format: "date-time"), "sentAt": instant,
         "accuracy": SchemaRefinement(minimum: 0, maximum: 100_000)]
    }
}
extension VisitCheckOutInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["deviceTime": SchemaRefinement(required: true, format: "date-time"), "sentAt": instant, "nextAt": instant, "nextStep": line(200),
         "summary": SchemaRefinement(required: true, minLength: 1, maxLength: 2000, pattern: SchemaPattern.noteNotBlank)]
    }
}
extension FollowUpInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["kind": .oneOf(["call", "visit", "email", "meeting", "message"], required: true),
         "notes": SchemaRefinement(required: true, minLength: 1, maxLength: 2000, pattern: SchemaPattern.noteNotBlank),
         "at": instant, "nextAt": instant, "nextStep": line(200), "fileIds": SchemaRefinement(maxItems: 20)]
    }
}
extension LeadInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        divisions.merging(["company": .name(max: 200), "contactName": line(100), "phone": line(40), "email": line(200), "source": line(60),
                           "notes": SchemaRefinement(maxLength: 2000, pattern: SchemaPattern.text)]) { _, new in new }
    }
}
extension LeadInvalidateInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required, "reason": .name(max: 200)] }
}
extension LeadConvertInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["version": .required, "customerName": .rename(max: 200), "opportunityName": .rename(max: 200), "expectedCloseDate": .date]
    }
}
extension StageInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 60), "probability": SchemaRefinement(minimum: 0, maximum: 100)]
    }
}
extension OpportunityInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 200), "customerId": .required, "expectedCloseDate": .date, "competitors": nameList(max: 10, length: 100),
         "lines": SchemaRefinement(maxItems: 100)]
    }
}
extension OpportunityMoveInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required, "stageId": .required, "lostReason": line(200)] }
}
extension CustomerTransferInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["ids": SchemaRefinement(required: true, minItems: 1, maxItems: 500), "toEmployeeId": .required, "reason": line(200)]
    }
}
extension CustomerReleaseInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["reason": line(200)] }
}
