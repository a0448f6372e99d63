import Foundation
import Partners
import Testing

/// The unified social credit code check (GB 32100-2015) on a partner's tax number.
@Suite("Credit codes")
struct CreditCodeTests {
    @Test("the standard's sample and published codes pass; the check character is computed as GB 32100-2015 says")
    func validCodes() {
        // The sample in GB 32100-2015 itself.
        #expect(CreditCode.check("91350100M000100Y43") == nil)
        // 华为技术有限公司 (Wikipedia's infobox) and 阿里巴巴（中国）网络技术有限公司 (its licence):
        // a digit and a letter as check character.
        #expect(CreditCode.check("914403001922038216") == nil)
        #expect(CreditCode.check("91330100716105852F") == nil)

        #expect(CreditCode.checkCharacter("91350100M000100Y4") == "3")
        #expect(CreditCode.checkCharacter("91440300192203821") == "6")
        #expect(CreditCode.checkCharacter("91330100716105852") == "F")
        // Σ = 0 gives 31 − 0 = 31, which the standard maps to 0.
        #expect(CreditCode.checkCharacter("00000000000000000") == "0")
        #expect(CreditCode.checkCharacter("9135010OM000100Y4") == nil)
        #expect(CreditCode.checkCharacter("91350100M000100Y") == nil)
    }

    @Test("a wrong check character, a wrong length and a letter outside the set are each named")
    func problems() {
        #expect(CreditCode.check("91350100M000100Y44") == .checkDigit)
        #expect(CreditCode.check("914403001922038261") == .checkDigit)
        #expect(CreditCode.check("91350100M000100Y4") == .length)
        #expect(CreditCode.check("91350100M000100Y433") == .length)
        #expect(CreditCode.check("") == .length)
        #expect(CreditCode.check("91350100I000100Y43") == .characters)
        #expect(CreditCode.check("91350100M000100O43") == .characters)
        #expect(CreditCode.check("91350100M00010ZY43") == .characters)
        #expect(CreditCode.Problem.checkDigit.rawValue == "partners.tax_id.check_digit")
        #expect(CreditCode.Problem.length.rawValue == "partners.tax_id.length")
        #expect(CreditCode.Problem.characters.rawValue == "partners.tax_id.characters")
    }

    @Test("lower-case, full-width, spaced and hyphenated input is normalised and accepted")
    func normalising() {
        #expect(CreditCode.normalise("９１３５０１００ｍ０００１００ｙ４３") == "91350100M000100Y43")
        #expect(CreditCode.normalise(" 9135-0100 m000 100y43\n") == "91350100M000100Y43")
        #expect(CreditCode.normalise("91350100\u{3000}M000100Y43") == "91350100M000100Y43")
        #expect(CreditCode.check("９１３５０１００ｍ０００１００ｙ４３") == nil)
        #expect(CreditCode.check("91350100m000100y43") == nil)
        #expect(CreditCode.check(" 9135-0100 m000 100y43 ") == nil)
    }
}

/// The keys a new partner is compared on to find a likely duplicate (查重).
@Suite("Duplicate keys")
struct DuplicateKeyTests {
    @Test("company names lose legal forms, punctuation, spaces and width differences")
    func names() {
        #expect(DuplicateKeys.name("上海华为技术有限公司") == "上海华为技术")
        #expect(DuplicateKeys.name("上海华为技术有限公司") == DuplicateKeys.name("上海华为技术"))
        #expect(DuplicateKeys.name("Alfreds Futterkiste GmbH") == "alfredsfutterkiste")
        #expect(DuplicateKeys.name("ACME Co., Ltd.") == "acme")
        #expect(DuplicateKeys.name("Acme Company Limited") == "acme")
        #expect(DuplicateKeys.name("ACME Co., Ltd.") == DuplicateKeys.name("Acme Company Limited"))
        #expect(DuplicateKeys.name("北京 字节跳动（科技）有限公司") == "北京字节跳动科技")
        #expect(DuplicateKeys.name("北京 字节跳动（科技）有限公司") == DuplicateKeys.name("北京字节跳动(科技)"))
        #expect(DuplicateKeys.name("阿里巴巴集团控股有限公司") == "阿里巴巴集团控股")
        #expect(DuplicateKeys.name("上海汽车集团股份有限公司") == "上海汽车")
        #expect(DuplicateKeys.name("上海·第一钢铁厂") == "上海第一钢铁")
        #expect(DuplicateKeys.name("Ｍｉｃｒｏｓｏｆｔ Corporation") == "microsoft")
        #expect(DuplicateKeys.name("Alfred's Futterkiste") == "alfredsfutterkiste")
        #expect(DuplicateKeys.name("J. P. Morgan & Co. Inc.") == "jpmorgan")
        #expect(DuplicateKeys.name("Dupont S.A.R.L.") == DuplicateKeys.name("Dupont SARL"))
        // Legal-form words go only as whole words.
        #expect(DuplicateKeys.name("Costco") == "costco")
    }

    @Test("a branch (分公司) keeps its suffix and stripping never empties a name")
    func branchesAndBareForms() {
        #expect(DuplicateKeys.name("华为技术有限公司北京分公司") == "华为技术有限公司北京分公司")
        #expect(DuplicateKeys.isNear(DuplicateKeys.name("华为技术有限公司"), DuplicateKeys.name("华为技术有限公司北京分公司")))
        #expect(DuplicateKeys.name("Company Limited") == "company")
        #expect(DuplicateKeys.name("集团公司") == "集团")
        #expect(DuplicateKeys.name("有限公司") == "有限公司")
    }

    @Test("phone numbers: +86, 0086 and 86 go before mobiles, landlines keep the 0, extensions are dropped")
    func phones() {
        #expect(DuplicateKeys.phone("+86 138 0013 8000") == "13800138000")
        #expect(DuplicateKeys.phone("13800138000") == "13800138000")
        #expect(DuplicateKeys.phone("0086-13800138000") == "13800138000")
        #expect(DuplicateKeys.phone("8613800138000") == "13800138000")
        #expect(DuplicateKeys.phone("021-6234 5678 ext 12") == "02162345678")
        #expect(DuplicateKeys.phone("021-6234 5678") == "02162345678")
        #expect(DuplicateKeys.phone("+86 21 6234 5678") == "02162345678")
        #expect(DuplicateKeys.phone("(010) 6552 9988 转 8001") == "01065529988")
        #expect(DuplicateKeys.phone("138-0013-8000 x 3") == "13800138000")
        #expect(DuplicateKeys.phone("Fax: 021-6234 5678") == "02162345678")
        #expect(DuplicateKeys.phone("０２１－６２３４５６７８") == "02162345678")
        #expect(DuplicateKeys.phone("+49 30 1234567") == DuplicateKeys.phone("0049 30 1234567"))
        #expect(DuplicateKeys.phone("12345") == nil)
        #expect(DuplicateKeys.phone("") == nil)
    }

    @Test("near names: one inside the other, or a typo per five characters; short and equal keys are not near")
    func nearNames() {
        #expect(DuplicateKeys.isNear("华为技术", "华为技术服务"))
        #expect(DuplicateKeys.isNear("华为技术服务", "华为技术"))
        #expect(!DuplicateKeys.isNear("阿里巴巴", "腾讯"))
        #expect(DuplicateKeys.isNear("alfredsfutterkiste", "alfredfutterkiste"))
        #expect(!DuplicateKeys.isNear("acme", "acme"))
        #expect(!DuplicateKeys.isNear("华为", "华为技术"))
        #expect(DuplicateKeys.isNear("abcdefghij", "abcdefghxx"))
        #expect(!DuplicateKeys.isNear("abcdefghij", "abcdefxxxx"))
        #expect(!DuplicateKeys.isNear("上海华为技术", "上海华为科技"))
    }
}
