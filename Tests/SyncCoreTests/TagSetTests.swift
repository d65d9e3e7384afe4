import SyncCore
import Testing

struct TagSetTests {
    @Test func tagsAreOneTagWhateverTheirCaseAndSpaces() {
        let tags = TagSet(["VIP", "vip", " Vip ", "Lead"])
        #expect(tags.count == 2)
        #expect(tags.contains("vIP"))
        #expect(tags.contains(" lead"))
    }

    @Test func theFirstSpellingSeenIsKeptTrimmed() {
        #expect(TagSet([" VIP ", "vip"]).sortedSpellings == ["VIP"])
        #expect(TagSet(["vip", "VIP"]).sortedSpellings == ["vip"])
    }

    @Test func blankTagsAreDropped() {
        #expect(TagSet(["", "  ", "\n"]).isEmpty)
    }

    @Test func spellingsAreSortedByTheirFoldedKey() {
        #expect(
            TagSet(["beta", "Alpha", "gamma", "Delta"]).sortedSpellings == [
                "Alpha", "beta", "Delta", "gamma",
            ])
    }

    @Test func removingATagIgnoresCase() {
        var tags = TagSet(["VIP", "Lead"])
        tags.remove("vip")
        #expect(tags.sortedSpellings == ["Lead"])
    }

    @Test func setsWithTheSameTagsInOtherCasesHaveTheSameKeys() {
        #expect(TagSet(["VIP", "Lead"]).keys == TagSet(["lead", "vip"]).keys)
    }
}
