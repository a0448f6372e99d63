import Foundation

// What the OpenAPI document says of request bodies beyond their Codable shape (APISchemaRefining).

/// Updates carry the `version` read: the server answers 422 without it and 409 when it is stale.
/// A name, when sent, must not be blank: the server keeps a name, it never clears one.
private let versioned: [String: SchemaRefinement] = ["version": .required, "name": .rename(max: 200)]

extension UserUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { versioned.merging(["name": .rename(max: 100)]) { _, new in new } }
}
extension DepartmentUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { versioned.merging(["name": .rename(max: 100)]) { _, new in new } }
}
extension EmployeeUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        // "" removes a salary, as it does the other sensitive fields.
        let salary: JSONValue = ["anyOf": [["type": "string", "pattern": .string("^(" + SchemaPattern.decimal.dropFirst().dropLast() + ")?$")],
                                           ["type": "number"]]]
        return versioned.merging(["name": .rename(max: 100), "salary": .replaced(by: salary), "hourlyCost": .replaced(by: salary),
                                  "title": SchemaRefinement(maxLength: 100, pattern: SchemaPattern.line)]) { _, new in new }
    }
}
extension TenantSettingsUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { versioned.merging(["name": .rename(max: 100)]) { _, new in new } }
}
extension PartnerUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { versioned.merging(partnerTexts) { _, new in new } }
}
extension RoleUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        versioned.merging(["name": .rename(max: 60), "description": .text(max: 500)]) { _, new in new }
    }
}
extension OrderCancelRequest: APISchemaRefining { public static var schemaRefinements: [String: SchemaRefinement] { versioned } }
extension ApprovalFormUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { versioned.merging(["name": .rename(max: 60)]) { _, new in new } }
}
extension PositionUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { versioned.merging(["name": .rename(max: 100)]) { _, new in new } }
}
extension SiteUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { versioned.merging(["name": .rename(max: 100)]) { _, new in new } }
}
extension OrderUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        versioned.merging(["orderDate": .date, "requiredDate": .date, "notes": .text(max: OrderInput.notesMaximum)]) { _, new in new }
    }
}

// Creates and actions: the texts that must not be blank, their lengths, and formats. What remains
// is business (a record that must exist, a password on the block list) and is answered 422 with a
// code of its own.

/// Texts of a partner: at most 200 characters, on one line but the address.
private let partnerTexts: [String: SchemaRefinement] = Dictionary(uniqueKeysWithValues: [
    "email", "phone", "fax", "city", "region", "postalCode", "country", "homepage", "industry", "source",
].map { ($0, SchemaRefinement(maxLength: 200, pattern: SchemaPattern.line)) }).merging([
    "address": .text(max: 200), "level": .oneOf(["A", "B", "C", ""]), "kind": .oneOf(["company", "individual"]),
    "tags": .replaced(by: ["type": "array", "maxItems": 20, "items": ["type": "string", "maxLength": 40, "pattern": .string(SchemaPattern.line)]]),
    "taxId": SchemaRefinement(maxLength: 40, pattern: SchemaPattern.line),
    "provinceCode": SchemaRefinement(maxLength: 6, pattern: "^[0-9]*$"), "cityCode": SchemaRefinement(maxLength: 6, pattern: "^[0-9]*$"),
    "districtCode": SchemaRefinement(maxLength: 6, pattern: "^[0-9]*$"),
]) { _, new in new }

extension PartnerInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        partnerTexts.merging(["name": .name(max: 200), "code": SchemaRefinement(maxLength: 40, pattern: SchemaPattern.line)]) { _, new in new }
    }
}

extension DepartmentInput: APISchemaRefining { public static var schemaRefinements: [String: SchemaRefinement] { ["name": .name(max: 100)] } }

extension PositionInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 100), "code": SchemaRefinement(maxLength: 30)]
    }
}

extension SiteInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["name": .name(max: 100), "address": SchemaRefinement(maxLength: 500)] }
}

extension NewTokenRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 100), "permissions": SchemaRefinement(required: true, minItems: 1), "days": SchemaRefinement(minimum: 1, maximum: 365)]
    }
}

extension NewUserRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 100), "email": .email, "roles": SchemaRefinement(required: true, minItems: 1)]
    }
}

extension NewInvitationRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["email": .email, "name": SchemaRefinement(maxLength: 100, pattern: SchemaPattern.line), "days": SchemaRefinement(minimum: 1, maximum: 30),
         "roles": SchemaRefinement(required: true, minItems: 1)]
    }
}

extension AcceptInvitationRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 100), "password": SchemaRefinement(minLength: 10, maxLength: 72)]
    }
}

extension RegisterRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["companyName": .name(max: 100), "name": .name(max: 100), "email": .email,
         // Digits with an optional leading +, spaces, dashes and brackets ignored; 6–15 digits.
         "mobile": SchemaRefinement(required: true, pattern: #"^[ ()\-]*\+?[ ()\-]*([0-9][ ()\-]*){6,15}$"#),
         "password": SchemaRefinement(minLength: 10, maxLength: 72)]
    }
}

extension ChangePasswordRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["new": SchemaRefinement(minLength: 10, maxLength: 72)] }
}

extension UpdateMeRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": SchemaRefinement(minLength: 1, maxLength: 100, pattern: SchemaPattern.notBlank), "locale": .oneOf(["en", "zh-CN"])]
    }
}

extension NewRoleRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["name": .name(max: 60), "description": .text(max: 500)] }
}

extension OrderInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["customerId": .required, "orderDate": .date, "requiredDate": .date, "notes": .text(max: OrderInput.notesMaximum)]
    }
}

extension ApprovalDelegationDTO: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["startsOn": .date, "endsOn": .date] }
}

extension ApprovalDecisionRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["comment": .text(max: 2000)] }
}

extension NewApprovalFormRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["name": .name(max: 60)] }
}

extension FlowSaveRequest: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["name": .name(max: 60)] }
}

extension OrderLineInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["productId": .required, "quantity": .required] }
}

extension FormField: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["label": .name(max: 60), "key": SchemaRefinement(required: true, pattern: "^[a-z][a-zA-Z0-9_]{0,39}$")] }
}
