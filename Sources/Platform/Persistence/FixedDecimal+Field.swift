import Foundation

extension FixedDecimal.ParseError {
    /// The field problem for this parse error at `path` (`number.*` codes of the platform catalog).
    public func field(_ path: String) -> DomainError.Field {
        switch self {
        case .notANumber: .init(path, "number.not_a_number")
        case .tooManyDecimals(let allowed): .init(path, "number.too_many_decimals", params: ["allowed": String(allowed)])
        case .outOfRange: .init(path, "number.out_of_range")
        }
    }
}
