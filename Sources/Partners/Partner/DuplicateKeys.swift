import Foundation

/// The keys a new partner is compared on to find a likely duplicate (查重) before it is saved:
/// the company name without its legal form and punctuation, and the phone number as bare digits.
///
/// Keys are for matching only; they are never shown. Two partners with the same key are "the same
/// company, probably"; ``isNear(_:_:)`` widens that to "worth a look" for typos and for one name
/// being a longer form of the other.
public enum DuplicateKeys {
    /// The comparison key of a company name.
    ///
    /// Steps, in order:
    /// 1. Unicode NFKC, so full-width letters, digits and brackets (`ＡＢＣ（）`) become half-width,
    ///    then lower case.
    /// 2. Split into words at whitespace and at every character that is not a letter, digit or
    ///    combining mark (so `· 、 ， 。 （ ） ( ) - & . , '` and symbols such as `®` all separate or
    ///    vanish). Apostrophes are dropped inside a word (`Alfred's` → `alfreds`) and dotted
    ///    abbreviations are joined (`S.A.R.L.` → `sarl`), so they match their undotted spelling.
    /// 3. Strip legal forms from the end, repeatedly: an English legal-form word when it is the whole
    ///    last word (`ltd`, `limited`, `co`, `company`, `inc`, `gmbh`, `sa`, … so `Co., Ltd.` goes in
    ///    two steps), or a Chinese suffix at the end of the last word (股份有限公司, 集团有限公司,
    ///    有限责任公司, 有限公司, 集团, 总公司, 公司, 厂, 商行, 工作室).
    /// 4. Join the words without separators.
    ///
    /// A name ending in 分公司 (branch) keeps it: a branch has its own credit code, its own fapiao
    /// title and usually its own buyer, so "华为技术有限公司北京分公司" must not collapse onto the head
    /// office as an exact duplicate; it still contains the head office's key, so ``isNear(_:_:)``
    /// flags it for a look.
    ///
    /// Stripping never empties a name: when the next step would leave nothing (a partner called
    /// "Company Limited", or "集团公司"), the last non-empty form is the key.
    ///
    /// Examples: `上海华为技术有限公司` → `上海华为技术`; `Alfreds Futterkiste GmbH` → `alfredsfutterkiste`;
    /// `ACME Co., Ltd.` and `Acme Company Limited` → `acme`; `北京 字节跳动（科技）有限公司` → `北京字节跳动科技`.
    public static func name(_ name: String) -> String {
        var words = self.words(name.precomposedStringWithCompatibilityMapping.lowercased())
        while let last = words.last {
            if englishLegalForms.contains(last) {
                guard words.count > 1 else { break }
                words.removeLast()
                continue
            }
            if last.hasSuffix("分公司") { break }
            guard let suffix = chineseLegalForms.first(where: { last.hasSuffix($0) }) else { break }
            let rest = String(last.dropLast(suffix.count))
            if rest.isEmpty {
                guard words.count > 1 else { break }
                words.removeLast()
            } else {
                words[words.count - 1] = rest
            }
        }
        return words.joined()
    }

    /// English (and other Latin-script) legal forms, matched as whole words only, so `co` goes in
    /// `Acme Co` but not in `Costco`. Multi-word forms (`co ltd`, `company limited`) go one word at
    /// a time.
    static let englishLegalForms: Set<String> = [
        "ltd", "limited", "co", "company", "inc", "incorporated", "corp", "corporation",
        "llc", "plc", "gmbh", "ag", "sa", "sarl", "srl", "bv", "oy", "ab", "as",
    ]

    /// Chinese legal-form suffixes, longest first: 有限公司 must not be tried before 股份有限公司,
    /// nor 公司 before 有限公司, or a name would lose only part of its form in a round.
    static let chineseLegalForms = ["股份有限公司", "集团有限公司", "有限责任公司", "有限公司", "工作室", "集团", "总公司", "公司", "商行", "厂"]

    /// Lower-cased, NFKC text split into words of letters, digits and marks; see ``name(_:)``.
    private static func words(_ text: String) -> [String] {
        // Runs of word characters and the separator text that ended each one.
        var runs: [(word: String, separator: String)] = []
        var current = "", separator = ""
        for character in text where character != "'" && character != "\u{2019}" {
            if isWordCharacter(character) {
                if !current.isEmpty, !separator.isEmpty {
                    runs.append((current, separator))
                    current = ""
                }
                separator = ""
                current.append(character)
            } else {
                separator.append(character)
            }
        }
        if !current.isEmpty { runs.append((current, separator)) }

        // Join single Latin letters separated by exactly one "." ("s.a.r.l." → "sarl"), but not
        // "j. smith", whose separator is ". ".
        var words: [String] = []
        var joining = false
        for run in runs {
            let single = run.word.count == 1 && run.word.first!.isASCII && run.word.first!.isLetter
            if joining, single {
                words[words.count - 1] += run.word
            } else {
                words.append(run.word)
            }
            joining = single && run.separator == "."
        }
        return words
    }

    /// Letters (any script), decimal digits and combining marks make words; everything else
    /// separates them.
    private static func isWordCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { scalar in
            CharacterSet.letters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar)
                || CharacterSet.nonBaseCharacters.contains(scalar)
        }
    }

    /// The comparison key of a phone number: its digits, in the national form for Chinese
    /// numbers, or nil when fewer than 7 digits remain (not a number worth matching on).
    ///
    /// - NFKC first, so full-width digits count.
    /// - An extension is dropped: everything from `ext`, `x`, `转` or `分机` after the first digit
    ///   (`021-6234 5678 ext 12` → `02162345678`).
    /// - A mobile (11 digits starting with 1) loses a leading `+86`, `0086` or `86`, and the `0`
    ///   some people dial before a mobile from another city:
    ///   `+86 138 0013 8000`, `0086-13800138000`, `8613800138000` → `13800138000`.
    /// - A landline keeps its area code with the trunk `0` (`021-6234 5678` → `02162345678`);
    ///   written internationally (`+86 21 6234 5678`) it gets the `0` back, so both forms match.
    /// - Any other international number keeps its country code, with `+` written as `00`, so
    ///   `+49 30 1234567` and `0049 30 1234567` match.
    public static func phone(_ phone: String) -> String? {
        var text = phone.precomposedStringWithCompatibilityMapping.lowercased()
        // Markers count only after the first digit, so "Fax: 021…" keeps its number.
        if let firstDigit = text.firstIndex(where: { $0.isASCII && $0.isNumber }),
           let cut = ["ext", "x", "转", "分机"].compactMap({ text.range(of: $0, range: firstDigit..<text.endIndex)?.lowerBound }).min() {
            text = String(text[..<cut])
        }
        let trimmed = text.drop { !$0.isASCII || !($0.isNumber || $0 == "+") }
        let plus = trimmed.first == "+"
        var digits = String(text.filter { $0.isASCII && $0.isNumber })
        if plus { digits = "00" + digits }
        if digits.hasPrefix("0086") {
            let national = String(digits.dropFirst(4))
            digits = isMobile(national) ? national : "0" + national
        } else if digits.hasPrefix("86"), isMobile(String(digits.dropFirst(2))) {
            digits = String(digits.dropFirst(2))
        } else if digits.hasPrefix("0"), isMobile(String(digits.dropFirst())) {
            digits = String(digits.dropFirst())
        }
        return digits.count >= 7 ? digits : nil
    }

    /// A mainland mobile number: 11 digits starting with 1.
    private static func isMobile(_ digits: String) -> Bool {
        digits.count == 11 && digits.hasPrefix("1")
    }

    /// Whether two name keys (``name(_:)``) are close enough to show as a possible duplicate,
    /// though not equal (equal keys are a duplicate outright, and false here).
    ///
    /// Near when one key contains the other and the shorter has at least 4 characters
    /// (华为技术 in 华为技术服务), or when both have at least 4 characters and their Levenshtein
    /// distance in Characters is at most max(1, shorter count / 5): one typo per five characters,
    /// so `alfredsfutterkiste` and `alfredfutterkiste` are near. Shorter keys are too easy to
    /// collide by chance (两个字的 brand names), so they must match exactly.
    public static func isNear(_ a: String, _ b: String) -> Bool {
        guard a != b else { return false }
        let x = Array(a), y = Array(b)
        let shorter = min(x.count, y.count)
        guard shorter >= 4 else { return false }
        if x.count <= y.count ? b.contains(a) : a.contains(b) { return true }
        return levenshtein(x, y, limit: max(1, shorter / 5)) != nil
    }

    /// The Levenshtein distance between `x` and `y` (insert, delete, substitute, each 1) when it is
    /// at most `limit`, else nil. Two rows of the dynamic-programming table, O(|x|·|y|) time,
    /// O(|y|) space; stops early once a whole row exceeds the limit, since distances only grow.
    static func levenshtein(_ x: [Character], _ y: [Character], limit: Int) -> Int? {
        if abs(x.count - y.count) > limit { return nil }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[y.count] <= limit ? previous[y.count] : nil
    }
}
