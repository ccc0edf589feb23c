// Framing on general constructions of Arabic news: predicate epithets, naming verbs,
// bare occupier epithets, quoting distance, and what is not framing.
#include <gtest/gtest.h>

#include "link/corpus.h"
#include "link/pipeline.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::Lx;

struct Framed {
  DocAnalysis doc;
  std::vector<EntityRecord> entities;
  const FramingOut* Find(const std::string& text) const {
    for (const FramingOut& f : doc.framing) {
      if (f.text == text) return &f;
    }
    return nullptr;
  }
  std::string EntityName(const FramingOut* f) const {
    for (const EntityRecord& e : entities) {
      if (f && e.id == f->entity) return e.name;
    }
    return "";
  }
  // The id of the entity one of whose mentions reads `text`.
  std::string IdOfMention(const std::string& text) const {
    for (const EntityRecord& e : entities) {
      for (const auto& m : e.mentions) {
        if (doc.mentions[m.mention].text == text) return e.id;
      }
    }
    return "?";
  }
  std::string Texts() const {
    std::string s;
    for (const FramingOut& f : doc.framing) s += " `" + f.text + "`";
    return s;
  }
};

Framed Analyze(const std::string& text) {
  Document d;
  d.id = "d";
  d.input = text;
  d.outlet = "outlet";
  d.outlet_from = "manifest";
  d.published = "2022-01-28";
  d.published_from = "manifest";
  Corpus corpus(Lx());
  corpus.Add(AnalyzeDocument(d, Lx()));
  std::vector<EntityRecord> entities = corpus.Snapshot().entities;
  return {corpus.analyses()[0], std::move(entities)};
}

std::string Voice(const FramingOut* f) { return f && f->voice ? f->voice->text : "<outlet>"; }

TEST(FramingTest, IndefiniteEpithetIsSaidOfTheActorBeforeIt) {
  Framed r = Analyze("وقالت حركة حماس في بيان إن إسرائيل دولة إرهاب.");
  const FramingOut* f = r.Find("دولة إرهاب");
  ASSERT_TRUE(f) << r.Texts();
  EXPECT_EQ(r.EntityName(f), "إسرائيل");  // not the voice's own name
  EXPECT_EQ(Voice(f), "حركة حماس");
}

TEST(FramingTest, DefiniteEpithetStandsForTheGroupNamedBefore) {
  Framed r = Analyze("وهاجم تنظيم داعش قرية في ريف دير الزور. وقال شهود إن المنظمة الإرهابية أعدمت عشرة مدنيين.");
  const FramingOut* f = r.Find("المنظمة الإرهابية");
  ASSERT_TRUE(f) << r.Texts();
  EXPECT_EQ(f->entity, r.IdOfMention("تنظيم داعش"));
}

TEST(FramingTest, NamingVerbGivesItsSubjectTheVoice) {
  Framed r = Analyze("وفرقت الشرطة المتظاهرين الذين وصفتهم إسرائيل بأنهم \"مثيرو الشغب\".");
  const FramingOut* f = r.Find("مثيرو الشغب");
  ASSERT_TRUE(f) << r.Texts();
  EXPECT_EQ(Voice(f), "إسرائيل");
  EXPECT_TRUE(f->entity.empty());  // a class of people, not an actor of the text
  // A title with no name after the verb is the voice, with its nationality.
  Framed t = Analyze("ووصف الرئيس الفلسطيني السفارة الجديدة بأنها \"بؤرة استيطانية أمريكية\".");
  ASSERT_TRUE(t.Find("بؤرة استيطانية أمريكية")) << t.Texts();
  EXPECT_EQ(Voice(t.Find("بؤرة استيطانية أمريكية")), "الرئيس الفلسطيني");
}

TEST(FramingTest, BareOccupierNamesTheStateTheTextNamesSo) {
  Framed r = Analyze("وقتل شاب برصاص الاحتلال في نابلس. وقالت مصادر محلية إن جيش الاحتلال الإسرائيلي اقتحم المدينة بعد أن أعلنت إسرائيل حالة التأهب.");
  const FramingOut* bare = r.Find("الاحتلال");
  ASSERT_TRUE(bare) << r.Texts();
  EXPECT_EQ(r.EntityName(bare), "إسرائيل");
  const FramingOut* army = r.Find("جيش الاحتلال الإسرائيلي");  // the force belongs to the epithet
  ASSERT_TRUE(army) << r.Texts();
  EXPECT_EQ(Voice(army), "مصادر محلية");
}

TEST(FramingTest, QuotingDistanceTakesTheNameAfterIt) {
  Framed r = Analyze("وأعلن ما يسمى بالجيش الحر انسحابه من المدينة.");
  EXPECT_TRUE(r.Find("ما يسمى بالجيش الحر")) << r.Texts();
}

TEST(FramingTest, AdministrationOfPlacesAndSettlementsAreNotFraming) {
  // "التابعة" between two places is administration; "المستوطنات" are places, not settlers.
  Framed r = Analyze("وتقع بلدة الزهراء التابعة لمدينة حلب شمال سوريا، قرب المستوطنات القديمة.");
  for (const FramingOut& f : r.doc.framing) {
    EXPECT_EQ(f.text.find("التابعة"), std::string::npos) << f.text;
    EXPECT_EQ(f.text.find("المستوطنات"), std::string::npos) << f.text;
  }
}

}  // namespace
}  // namespace isnad
