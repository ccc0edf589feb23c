// Claims, sources, chains, entities and framing on real sentences of Arabic news
// (several are taken from the example corpus, others are general constructions).
#include <gtest/gtest.h>

#include "link/corpus.h"
#include "link/pipeline.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::Lx;

struct Linked {
  std::vector<DocAnalysis> docs;
  std::vector<EntityRecord> entities;

  const EntityRecord* Entity(const std::string& id) const {
    for (const EntityRecord& e : entities) {
      if (e.id == id) return &e;
    }
    return nullptr;
  }
  // The entity one of whose mentions reads `text`.
  const EntityRecord* Named(const std::string& text) const {
    for (const EntityRecord& e : entities) {
      for (const auto& m : e.mentions) {
        if (docs[m.doc].mentions[m.mention].text == text) return &e;
      }
    }
    return nullptr;
  }
  const ClaimOut* Claim(const std::string& quantity_text, size_t doc = 0) const {
    for (const ClaimOut& c : docs[doc].claims) {
      if (docs[doc].quantities[c.quantity].text == quantity_text) return &c;
    }
    return nullptr;
  }
};

Linked Analyze(const std::vector<std::string>& texts) {
  Linked c;
  Corpus corpus(Lx());
  int n = 0;
  for (const std::string& t : texts) {
    Document d;
    d.id = "d" + std::to_string(n++);
    d.input = t;
    d.outlet = "outlet";
    d.outlet_from = "manifest";
    d.published = "2022-01-28";
    d.published_from = "manifest";
    corpus.Add(AnalyzeDocument(d, Lx()));
  }
  c.entities = corpus.Snapshot().entities;
  c.docs = corpus.analyses();
  return c;
}

std::string SourceText(const ClaimOut* c) { return c && c->source ? c->source->text : "<outlet>"; }

TEST(ClaimsTest, CategoryFromTheEventNotTheRoleOfTheCounted) {
  Linked c = Analyze({"وقال عضو قيادة \"قسد\"، نوروز أحمد، إنّ \"هناك نحو 550 مهاجماً من خارج السجن تمَّ اعتقالهم\"."});
  const ClaimOut* k = c.Claim("نحو 550");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->category, "captured");
  EXPECT_EQ(SourceText(k), "نوروز أحمد");
}

TEST(ClaimsTest, BreakdownIsSeveralClaimsOfOneCategory) {
  Linked c = Analyze({"وأوقعت الاشتباكات داخل السجن وفي محيطه 181 قتيلاً، وفق آخر حصيلة للمرصد السوري، 124 منهم من "
                      "عناصر التنظيم، و50 من القوات الكردية، إضافةً إلى 7 مدنيين، بحسب المرصد."});
  for (const char* n : {"181", "124", "50", "7"}) {
    const ClaimOut* k = c.Claim(n);
    ASSERT_TRUE(k) << n;
    EXPECT_EQ(k->category, "killed") << n;
    ASSERT_TRUE(k->source) << n;
    EXPECT_EQ(c.Entity(k->source->entity)->name, "المرصد السوري لحقوق الإنسان") << n;
  }
  EXPECT_EQ(c.Claim("7")->subject_class, "civilians");
  EXPECT_EQ(c.Claim("181")->subject_class, "all");
}

TEST(ClaimsTest, FleeingResidentsAreDisplacedFleeingPrisonersEscaped) {
  Linked c = Analyze({"والهجوم الذي وقع على السجن أجبر الآلاف من السكان على الفرار منها.",
                      "وقال الصحافي همام عيسى، إن 3 قياديين من معتقلي تنظيم داعش تمكنوا من الفرار."});
  EXPECT_EQ(c.Claim("الآلاف", 0)->category, "displaced");
  EXPECT_EQ(c.Claim("الآلاف", 0)->subject_class, "civilians");
  EXPECT_EQ(c.Claim("3", 1)->category, "escaped");
}

TEST(ClaimsTest, QuotationAndCarryOverSpeaker) {
  Linked c = Analyze(
      {"وأعلن المركز الإعلامي لـ\"قسد\" أمس أنَّ \"عدد عناصر داعش الذين سلَّموا أنفسهم في السجن بلغ أكثر من 1000 مسلحٍ\". "
       "وأضاف أن نحو 374 من عناصر التنظيم سقطوا أثناء المواجهة."});
  const ClaimOut* a = c.Claim("أكثر من 1000");
  ASSERT_TRUE(a && a->source);
  EXPECT_EQ(a->category, "surrendered");
  EXPECT_NE(a->source->text.find("قسد"), std::string::npos);
  const ClaimOut* b = c.Claim("نحو 374");
  ASSERT_TRUE(b && b->source);
  EXPECT_EQ(b->category, "killed");
  EXPECT_EQ(b->source->entity, a->source->entity);  // وأضاف: the same speaker
}

TEST(ClaimsTest, ChainThroughAccordingToAndToldMedia) {
  Linked c = Analyze(
      {"وقال المرصد إن هناك العشرات من العاملين في السجن تم أسرهم من قبل سجناء وعناصر التنظيم، وفق \"RT\".",
       "أكدت مصادر خاصة لـ\"القدس العربي\" فرار عناصر من تنظيم داعش من السجن.\n"
       "وأشارت المصادر إلى أن المجموعة التي فرت من السجن يصل عددها إلى 35 سجيناً."});
  const ClaimOut* h = c.Claim("العشرات", 0);
  ASSERT_TRUE(h && h->source);
  EXPECT_EQ(h->category, "hostages");
  EXPECT_EQ(h->subject_class, "staff");
  ASSERT_EQ(h->chain.size(), 1u);
  EXPECT_EQ(h->chain[0].text, "RT");
  const ClaimOut* e = c.Claim("35", 1);
  ASSERT_TRUE(e && e->source);
  EXPECT_EQ(e->category, "escaped");
  EXPECT_EQ(e->source->text, "المصادر");
  ASSERT_EQ(e->chain.size(), 1u);
  EXPECT_EQ(e->chain[0].text, "القدس العربي");
}

TEST(ClaimsTest, OutletNarrationAndParagraphAttributedByTheNextSentence) {
  Linked c = Analyze({"وكان أكثر من 100 مقاتل من تنظيم \"داعش\" شنوا هجوماً على سجن غويران.",
                      "وأسفرت المعارك عن سقوط 123 قتيلا خلال أربعة أيام.\n\nوقال المرصد السوري لحقوق الإنسان، إن المعارك جرت في منطقة السجن."});
  const ClaimOut* p = c.Claim("أكثر من 100", 0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->category, "participants");
  EXPECT_FALSE(p->source);  // the outlet's own narration
  const ClaimOut* k = c.Claim("123", 1);
  ASSERT_TRUE(k && k->source);
  EXPECT_EQ(k->category, "killed");
  EXPECT_EQ(k->source->text, "المرصد السوري لحقوق الإنسان");
}

TEST(ClaimsTest, NumbersThatCountNothingAreNotClaims) {
  Linked c = Analyze({"رمز الخبر: 145496\nوسيطر على مئات الآلاف من الأميال من الأراضي خلال المواجهة التي استمرت لمدة 10 أيام "
                      "بحسب قرار مجلس الأمن رقم 2254 لعام 2015."});
  for (const ClaimOut& k : c.docs[0].claims) {
    ADD_FAILURE() << "unexpected claim " << c.docs[0].quantities[k.quantity].text;
  }
}

TEST(EntitiesTest, AcronymsAliasesSurnamesAndAnaphora) {
  Linked c = Analyze(
      {"ناشدت \"قوات سوريا الديمقراطية\" (قسد) المجتمع الدولي. وقالت \"قسد\" إن السجن تحت السيطرة. "
       "وأشارت إلى سجن غويران، الذي يُعرف أيضاً باسم سجن الصناعة، في الحسكة.\n"
       "وقال المتحدث باسم وزارة الخارجية الأمريكية، نيد برايس، إن \"داعش\" لا يزال يمثل تهديداً. وأضاف برايس أن التنظيم ضعيف.",
       "وتجددت الاشتباكات في حي غويران قرب سجن الحسكة، وقال بسام الصباغ إن تنظيم داعش مسؤول.",
       "أكد مندوب سورية بسام صباغ أن قوات سوريا الديمقراطية مسؤولة."});
  ASSERT_TRUE(c.Named("قسد"));
  EXPECT_EQ(c.Named("قسد"), c.Named("قوات سوريا الديمقراطية"));
  EXPECT_EQ(c.Named("سجن غويران"), c.Named("سجن الصناعة"));
  EXPECT_EQ(c.Named("سجن الحسكة"), c.Named("سجن غويران"));   // the one prison located in الحسكة
  EXPECT_NE(c.Named("حي غويران"), c.Named("سجن غويران"));
  EXPECT_NE(c.Named("الحسكة"), c.Named("سجن الحسكة"));
  EXPECT_EQ(c.Named("برايس"), c.Named("نيد برايس"));
  EXPECT_EQ(c.Named("التنظيم"), c.Named("داعش"));
  EXPECT_EQ(c.Named("بسام الصباغ"), c.Named("بسام صباغ"));    // across documents
  EXPECT_EQ(c.Named("سورية"), c.Named("سوريا") ? c.Named("سوريا") : c.Named("سورية"));
  EXPECT_EQ(c.Named("نيد برايس")->type, EntityType::kPER);
  EXPECT_EQ(c.Named("سجن غويران")->type, EntityType::kFAC);
}

// In the analysis the tagger's names join the rule layer's: the role word after a name
// (نظيره، his counterpart) does not extend it.
TEST(EntitiesTest, AMentionStopsBeforeARoleWord) {
  Linked c = Analyze({"والتقى وزير الخارجية سعيد بن عمران نظيره في العاصمة يوم الأحد."});
  EXPECT_TRUE(c.Named("سعيد بن عمران"));
  EXPECT_FALSE(c.Named("سعيد بن عمران نظيره"));
}

TEST(EntitiesTest, PrepositionIsNotAGivenName) {
  Linked c = Analyze({"أجبر آلاف العائلات على النزوح من منازلها."});
  EXPECT_FALSE(c.Named("على النزوح"));
}

TEST(FramingTest, EpithetsWithTheirVoice) {
  Linked c = Analyze(
      {"أكد السفير بسام صباغ أن المجازر التي ارتكبتها ميليشيا \"قسد\" الانفصالية وقوات الاحتلال الأمريكي مستمرة.\n"
       "وقال المرصد السوري المعارض إن الاشتباكات تجددت.\n"
       "وهاجم تنظيم داعش السجن. وقالت \"قسد\" المدعومة من الولايات المتحدة إن \"المرتزقة استسلموا بعد أيام من القتال\"."});
  std::map<std::string, std::string> voice;
  for (const FramingOut& f : c.docs[0].framing) {
    std::string text = f.text.rfind("\xD9\x88", 0) == 0 ? f.text.substr(2) : f.text;  // a leading و
    voice[text] = f.voice ? f.voice->text : "<outlet>";
  }
  EXPECT_EQ(voice["ميليشيا \"قسد\" الانفصالية"], "بسام صباغ");
  EXPECT_EQ(voice["قوات الاحتلال الأمريكي"], "بسام صباغ");
  EXPECT_EQ(voice["المرصد السوري المعارض"], "<outlet>");
  EXPECT_EQ(voice["\"قسد\" المدعومة من الولايات المتحدة"], "<outlet>");
  ASSERT_TRUE(voice.count("المرتزقة"));
  EXPECT_NE(voice["المرتزقة"].find("قسد"), std::string::npos);
  for (const FramingOut& f : c.docs[0].framing) {
    if (f.text == "المرتزقة") {
      ASSERT_TRUE(c.Named("تنظيم داعش"));
      EXPECT_EQ(f.entity, c.Named("تنظيم داعش")->id);  // the group named before, not the voice
    }
  }
  // The adjectival epithet is also a surface form of the actor.
  const EntityRecord* sohr = c.Named("المرصد السوري");
  ASSERT_TRUE(sohr);
  bool alias = false;
  for (const std::string& a : sohr->aliases) alias |= a == "المرصد السوري المعارض";
  EXPECT_TRUE(alias);
}

}  // namespace
}  // namespace isnad
