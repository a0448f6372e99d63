import Foundation

/// Which passwords Afield refuses (DESIGN §5, NIST SP 800-63B §5.1.1.2: at least a minimum
/// length, no commonly used or expected values, nothing derived from the account).
public enum PasswordPolicy {
    /// Words that make up most leaked passwords; a password that is one of them plus digits or
    /// symbols (`Password123!`, `qwerty12345`) counts as common.
    static let commonStems: Set<String> = [
        "password", "passw0rd", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm", "azerty", "letmein", "welcome", "admin",
        "administrator", "iloveyou", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "master", "shadow", "superman",
        "trustno", "abc", "abcdef", "abcdefgh", "abcdefghij", "changeme", "secret", "login", "test", "guest", "user", "default",
        "woaini", "wodemima", "mima", "aini", "afield", "northwind",
    ]

    /// Problem code for `password` of the user with `email`, or nil when acceptable
    /// (length is checked by ``IdentityService/passwordProblems(_:)``).
    public static func problem(_ password: String, email: String) -> String? {
        let lower = password.lowercased()
        let letters = lower.filter(\.isLetter)
        if commonStems.contains(letters) || isPattern(lower) { return "auth.password_common" }
        let local = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if local.count >= 3, lower.contains(local) || lower == email.lowercased() { return "auth.password_like_email" }
        return nil
    }

    /// One repeated character, or a run along the digits, the alphabet or a keyboard row.
    static func isPattern(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count >= 2 else { return true }
        if Set(chars).count == 1 { return true }
        for row in ["01234567890", "09876543210", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm",
                    "1qaz2wsx3edc4rfv5tgb", "1q2w3e4r5t6y7u8i9o0p"] where row.contains(text) {
            return true
        }
        return false
    }
}
