// Stories (issue 10): documents about one happening share a story, others do not;
// ids do not depend on input order; a republication joins its original; claim groups
// and timeline events never span two stories.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "link/corpus.h"
#include "link/pipeline.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::Lx;

struct Input {
  std::string id, outlet, published, title, body;
};

// Two reports of one earthquake from two outlets, a budget vote, and a second section's
// copy of the vote report under a revised title.
const std::vector<Input>& Inputs() {
  static const std::vector<Input> v = {
      {"quake-a", "outlet-a", "2021-03-02", "زلزال بقوة 6 درجات يضرب مدينة ملاطية التركية ويقتل 20 شخصا",
       "قال الدفاع المدني التركي إن زلزالا بقوة 6 درجات ضرب مدينة ملاطية في شرق تركيا فجر الثلاثاء، ما أسفر عن "
       "مقتل 20 شخصا وإصابة 150 آخرين. وأضاف أن فرق الإنقاذ تبحث عن ناجين تحت أنقاض المباني المنهارة في أحياء "
       "المدينة القديمة، وأن الهزات الارتدادية ما زالت تثير الذعر بين السكان الذين قضوا الليل في الشوارع."},
      {"quake-b", "outlet-b", "2021-03-02", "ارتفاع حصيلة ضحايا زلزال ملاطية إلى 25 قتيلا",
       "ارتفعت حصيلة ضحايا الزلزال الذي ضرب مدينة ملاطية التركية إلى 25 قتيلا، بحسب ما أعلن الدفاع المدني مساء "
       "الثلاثاء. وتواصل فرق الإنقاذ البحث عن ناجين تحت أنقاض المباني المنهارة، فيما نصبت السلطات خياما للسكان "
       "الذين فقدوا منازلهم بعد الزلزال والهزات الارتدادية التي تلته."},
      {"budget", "outlet-a", "2021-03-03", "البرلمان الأردني يقر قانون الموازنة العامة لعام 2021",
       "أقر مجلس النواب الأردني مساء الأربعاء مشروع قانون الموازنة العامة للدولة لعام 2021 بأغلبية أعضائه، بعد "
       "نقاش استمر ثلاثة أيام حول العجز والدين العام والضرائب. وقال وزير المالية إن الحكومة ستخفض النفقات "
       "الجارية وتزيد الإنفاق على المشاريع الرأسمالية في المحافظات."},
      {"budget-copy", "outlet-a", "2021-03-03", "النواب يصوتون على الموازنة",
       "أقر مجلس النواب الأردني مساء الأربعاء مشروع قانون الموازنة العامة للدولة لعام 2021 بأغلبية أعضائه، بعد "
       "نقاش استمر ثلاثة أيام حول العجز والدين العام والضرائب. وقال وزير المالية إن الحكومة ستخفض النفقات "
       "الجارية وتزيد الإنفاق على المشاريع الرأسمالية في المحافظات."},
  };
  return v;
}

struct Analysed {
  std::vector<DocAnalysis> docs;
  CorpusResult corpus;
  std::map<std::string, std::string> story;  // document id -> story id
};

Analysed Analyze(std::vector<Input> inputs) {
  Analysed r;
  Corpus corpus(Lx());
  for (const Input& in : inputs) {
    Document d;
    d.id = in.id;
    d.input = in.title + "\n\n" + in.body;
    d.title = in.title;
    d.title_from = "jsonl";
    d.outlet = in.outlet;
    d.outlet_from = "jsonl";
    d.published = in.published;
    d.published_from = "jsonl";
    corpus.Add(AnalyzeDocument(d, Lx()));
  }
  r.corpus = corpus.Snapshot();
  r.docs = corpus.analyses();
  for (size_t i = 0; i < r.docs.size(); ++i) r.story[r.docs[i].id] = r.corpus.StoryId(i);
  return r;
}

TEST(StoriesTest, OneHappeningOneStory) {
  Analysed r = Analyze(Inputs());
  for (const auto& [doc, story] : r.story) EXPECT_FALSE(story.empty()) << doc;
  EXPECT_EQ(r.story["quake-a"], r.story["quake-b"]);
  EXPECT_NE(r.story["quake-a"], r.story["budget"]);
  // The same body under a revised title is a republication: it joins its original.
  EXPECT_EQ(r.story["budget"], r.story["budget-copy"]);
  ASSERT_EQ(r.corpus.stories.size(), 2u);
  for (const StoryRecord& s : r.corpus.stories) {
    EXPECT_EQ(s.docs.size(), 2u);
    EXPECT_GE(s.last, s.first);
    EXPECT_FALSE(s.summary.empty()) << s.id;
    for (const StoryRecord::Quote& q : s.summary) {
      ASSERT_LT(q.doc, r.docs.size());
      EXPECT_LT(q.span.begin, q.span.end);
    }
  }
}

// Key phrases are adjacent content words of the title and lead: two reports of one
// quake both name "the city of Malatya" (one in its title, one in its lead), the budget
// report names no phrase of theirs.
TEST(StoriesTest, KeyPhrasesOfTitleAndLead) {
  Analysed r = Analyze(Inputs());
  auto ids = [&](size_t doc) {
    std::vector<uint32_t> v;
    for (const StoryFeatures::Term& t : r.docs[doc].story.phrases) {
      EXPECT_NE(t.zone, StoryFeatures::kBody);
      v.push_back(t.id);
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  auto common = [](const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    std::vector<uint32_t> c;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(c));
    return c.size();
  };
  std::vector<uint32_t> quake_a = ids(0), quake_b = ids(1), budget = ids(2);
  EXPECT_FALSE(budget.empty());
  EXPECT_GE(common(quake_a, quake_b), 1u);
  EXPECT_EQ(common(quake_a, budget), 0u);
  EXPECT_EQ(common(quake_b, budget), 0u);
}

// Two reports of a market bombing and a report of the envoy recalled the next day: the
// recall shares most of the bombing's words (the city, the car bomb, the market), but its
// headline names another kind of act, so it is a story of its own; a statement that
// condemns the bombing names no act of its own and joins it.
const std::vector<Input>& RelatedInputs() {
  static const std::vector<Input> v = {
      {"bomb-a", "outlet-a", "2022-06-09", "مقتل 14 شخصا في تفجير سيارة مفخخة بسوق مدينة الحلة",
       "قتل 14 شخصا وأصيب 30 آخرون في تفجير سيارة مفخخة استهدف سوقا شعبيا مزدحما في مدينة الحلة جنوب بغداد "
       "صباح الخميس، بحسب مصادر أمنية. وقالت الشرطة إن السيارة انفجرت قرب محال الخضار، وإن فرق الإسعاف نقلت "
       "الجرحى إلى مستشفى المدينة، فيما فرضت قوات الأمن طوقا حول السوق."},
      {"bomb-b", "outlet-b", "2022-06-09", "ارتفاع حصيلة تفجير سوق الحلة إلى 17 قتيلا",
       "ارتفعت حصيلة التفجير الذي استهدف سوقا شعبيا في مدينة الحلة جنوب بغداد إلى 17 قتيلا، وفق ما أعلنت "
       "مصادر طبية مساء الخميس. وكانت سيارة مفخخة قد انفجرت قرب محال الخضار في السوق المزدحم، ونقلت فرق "
       "الإسعاف عشرات الجرحى إلى مستشفى المدينة."},
      {"condemn", "outlet-c", "2022-06-09", "وزير الخارجية يدين استهداف المدنيين في الحلة",
       "أدان وزير الخارجية التفجير الذي استهدف سوقا شعبيا مزدحما في مدينة الحلة جنوب بغداد، وقال إن قتل "
       "المدنيين قرب محال الخضار جريمة لن تمر، داعيا إلى محاسبة من يقف وراء السيارة المفخخة."},
      {"recall", "outlet-a", "2022-06-10", "العراق يستدعي سفيره لدى دمشق للتشاور",
       "استدعت وزارة الخارجية العراقية سفيرها لدى دمشق للتشاور الجمعة، بعد يوم من تفجير السيارة المفخخة "
       "الذي استهدف سوقا شعبيا مزدحما في مدينة الحلة جنوب بغداد وقتل فيه 17 شخصا قرب محال الخضار. وقالت "
       "الوزارة إن منفذي التفجير عبروا الحدود، وطالبت بتسليم المتورطين."},
  };
  return v;
}

// The kinds of happening come from the title (and the lead), as data/story_events.tsv
// names them: a bombing, the recall of an envoy; a verb of condemning is none.
TEST(StoriesTest, KindsOfHappening) {
  Analysed r = Analyze(RelatedInputs());
  auto title_kinds = [&](size_t doc) {
    size_t n = 0;
    for (const StoryFeatures::Term& k : r.docs[doc].story.kinds) {
      EXPECT_NE(k.zone, StoryFeatures::kBody);
      n += k.zone == StoryFeatures::kTitle;
    }
    return n;
  };
  EXPECT_GE(title_kinds(0), 1u);  // تفجير
  EXPECT_GE(title_kinds(1), 1u);
  EXPECT_EQ(title_kinds(2), 0u);  // يدين names no act
  EXPECT_EQ(title_kinds(3), 1u);  // يستدعي
  auto shares = [&](size_t a, size_t b) {
    for (const StoryFeatures::Term& x : r.docs[a].story.kinds) {
      for (const StoryFeatures::Term& y : r.docs[b].story.kinds) {
        if (x.zone == StoryFeatures::kTitle && y.zone == StoryFeatures::kTitle && x.id == y.id) return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(shares(0, 1));
  EXPECT_FALSE(shares(0, 3));
}

TEST(StoriesTest, AnotherKindOfActIsAnotherStory) {
  Analysed r = Analyze(RelatedInputs());
  EXPECT_EQ(r.story["bomb-a"], r.story["bomb-b"]);
  EXPECT_EQ(r.story["bomb-a"], r.story["condemn"]);
  EXPECT_NE(r.story["bomb-a"], r.story["recall"]);
  // Without the check the recall's words alone would join it to the bombing.
  auto cluster = [&](const StoryOptions& opt) {
    auto doc = [&](size_t i) {
      StoryDoc d;
      d.index = i;
      d.id = r.docs[i].id;
      d.minutes = static_cast<int64_t>(i) * 60;
      d.features = &r.docs[i].story;
      return d;
    };
    StoryIndex index(opt);
    for (size_t i = 0; i < r.docs.size(); ++i) index.Observe(doc(i));
    for (size_t i = 0; i < r.docs.size(); ++i) index.Add(doc(i));
    std::vector<size_t> story_of;
    index.Snapshot(&story_of);
    return story_of;
  };
  StoryOptions off;
  off.kind_share = 0;
  std::vector<size_t> with = cluster(StoryOptions()), without = cluster(off);
  EXPECT_NE(with[0], with[3]);
  EXPECT_EQ(without[0], without[3]);
  EXPECT_EQ(with[0], with[1]);
  EXPECT_EQ(without[0], without[1]);
}

// The bombing's two reports and, the next day, the arrest of the driver: its headline
// names another kind of act (an arrest), but its lead retells the bombing itself (the
// market, the car bomb, the toll, the wounded taken to the city's hospital) far closer than
// a related happening's report would, so it continues the bombing's story.
const std::vector<Input>& FollowUpInputs() {
  static const std::vector<Input> v = {
      RelatedInputs()[0],
      RelatedInputs()[1],
      {"arrest", "outlet-c", "2022-06-10", "القبض على سائق السيارة المفخخة في سوق الحلة",
       "ألقت الشرطة القبض الجمعة على سائق السيارة المفخخة التي انفجرت في سوق شعبي مزدحم بمدينة الحلة جنوب "
       "بغداد صباح الخميس، ما أسفر عن مقتل 17 شخصا وإصابة 30 آخرين قرب محال الخضار. وقالت مصادر أمنية إن فرق "
       "الإسعاف ما زالت تعالج عشرات الجرحى في مستشفى المدينة، وإن قوات الأمن رفعت الطوق عن السوق."},
  };
  return v;
}

TEST(StoriesTest, AFollowUpThatRetellsTheHappeningJoinsIt) {
  Analysed r = Analyze(FollowUpInputs());
  // The arrest's headline names no kind the bombing's headlines name.
  bool shared = false;
  size_t title_kinds = 0;
  for (const StoryFeatures::Term& x : r.docs[2].story.kinds) {
    if (x.zone != StoryFeatures::kTitle) continue;
    ++title_kinds;
    for (size_t b = 0; b < 2; ++b) {
      for (const StoryFeatures::Term& y : r.docs[b].story.kinds) shared |= x.id == y.id;
    }
  }
  EXPECT_EQ(title_kinds, 1u);  // القبض
  EXPECT_FALSE(shared);
  EXPECT_EQ(r.story["bomb-a"], r.story["bomb-b"]);
  EXPECT_EQ(r.story["bomb-a"], r.story["arrest"]);
  // A floor as low as the related happenings' (0.3) would have split it off.
  auto cluster = [&](const StoryOptions& opt) {
    StoryIndex index(opt);
    std::vector<StoryDoc> docs;
    for (size_t i = 0; i < r.docs.size(); ++i) {
      StoryDoc d;
      d.index = i;
      d.id = r.docs[i].id;
      d.minutes = static_cast<int64_t>(i) * 60;
      d.features = &r.docs[i].story;
      index.Observe(d);
      docs.push_back(d);
    }
    for (StoryDoc& d : docs) index.Add(std::move(d));
    std::vector<size_t> story_of;
    index.Snapshot(&story_of);
    return story_of;
  };
  StoryOptions strict;
  strict.kind_floor = 0.3;
  std::vector<size_t> with = cluster(StoryOptions()), harsh = cluster(strict);
  EXPECT_EQ(with[0], with[2]);
  EXPECT_NE(harsh[0], harsh[2]);
  EXPECT_EQ(harsh[0], harsh[1]);
}

// A document that republishes two earlier ones from two stories brings the stories
// together; a later copy of either joins the story they became, not the one it left.
TEST(StoriesTest, ACopyOfAMergedStorysDocumentJoinsTheMergedStory) {
  Analysed r = Analyze(Inputs());
  StoryIndex index{StoryOptions()};
  auto doc = [&](size_t i, size_t features, std::vector<size_t> republishes) {
    StoryDoc d;
    d.index = i;
    d.id = "doc-" + std::to_string(i);
    d.minutes = static_cast<int64_t>(i) * 60;
    d.features = &r.docs[features].story;
    d.republishes = std::move(republishes);
    return d;
  };
  std::vector<StoryDoc> docs = {doc(0, 0, {}), doc(1, 2, {}), doc(2, 1, {0, 1}), doc(3, 2, {1}), doc(4, 0, {0})};
  for (const StoryDoc& d : docs) index.Observe(d);
  for (size_t i = 0; i < 2; ++i) index.Add(docs[i]);
  std::vector<size_t> before;
  index.Snapshot(&before);
  EXPECT_NE(before[0], before[1]);  // the quake and the budget
  for (size_t i = 2; i < docs.size(); ++i) index.Add(docs[i]);
  std::vector<size_t> story_of;
  std::vector<StoryRecord> stories = index.Snapshot(&story_of);
  ASSERT_EQ(stories.size(), 1u);
  for (size_t i = 0; i < docs.size(); ++i) EXPECT_EQ(story_of[i], 0u) << i;
  EXPECT_EQ(stories[0].docs.size(), docs.size());
}

// A daily market report: each day's reads like yesterday's (the same market, the same
// words, other figures). A week of them is a topic, not one happening: the story of the
// first days ends, and the reports of the second week start another.
std::vector<Input> DailyReportInputs() {
  static const char* const kDays[] = {
      "ويترقب المتعاملون اجتماع منظمة البلدان المصدرة للبترول وحلفائها لبحث مستويات الإنتاج.",
      "وقال محللون إن تباطؤ الطلب في آسيا يضغط على الأسعار منذ بداية الشهر.",
      "وارتفع الدولار أمام العملات الرئيسية، ما جعل النفط أغلى لحائزي العملات الأخرى.",
  };
  std::vector<Input> v;
  for (int day = 1; day <= 10; ++day) {
    const std::string n = std::to_string(day);
    v.push_back({"oil-" + n, day % 2 ? "outlet-a" : "outlet-b", "2021-03-" + std::string(day < 10 ? "0" : "") + n,
                 "أسعار النفط تتراجع في ختام تعاملات اليوم مع زيادة المخزونات الأمريكية",
                 "تراجعت أسعار النفط في ختام تعاملات اليوم، وانخفض خام برنت " + n +
                     " سنتا للبرميل، بعد أن أظهرت بيانات زيادة مخزونات الخام الأمريكية أكثر من المتوقع. " +
                     kDays[day % 3]});
  }
  return v;
}

TEST(StoriesTest, ADailyReportDoesNotChainIntoOneStoryOfWeeks) {
  Analysed r = Analyze(DailyReportInputs());
  auto cluster = [&](const StoryOptions& opt) {
    auto doc = [&](size_t i) {
      StoryDoc d;
      d.index = i;
      d.id = r.docs[i].id;
      d.minutes = static_cast<int64_t>(i) * 24 * 60;
      d.features = &r.docs[i].story;
      return d;
    };
    StoryIndex index(opt);
    for (size_t i = 0; i < r.docs.size(); ++i) index.Observe(doc(i));
    for (size_t i = 0; i < r.docs.size(); ++i) index.Add(doc(i));
    std::vector<size_t> story_of;
    index.Snapshot(&story_of);
    return story_of;
  };
  StoryOptions unbounded;
  unbounded.span_hours = 1e9;
  std::vector<size_t> bounded = cluster(StoryOptions()), chained = cluster(unbounded);
  for (size_t i = 1; i < chained.size(); ++i) EXPECT_EQ(chained[0], chained[i]) << i;
  EXPECT_EQ(bounded[0], bounded[1]);
  EXPECT_EQ(bounded[0], bounded[2]);
  EXPECT_NE(bounded[0], bounded[9]);
  // The whole run reads the dates from the documents.
  EXPECT_EQ(r.story["oil-1"], r.story["oil-2"]);
  EXPECT_NE(r.story["oil-1"], r.story["oil-10"]);
}

TEST(StoriesTest, IdsDoNotDependOnInputOrder) {
  std::vector<Input> reversed = Inputs();
  std::reverse(reversed.begin(), reversed.end());
  Analysed a = Analyze(Inputs()), b = Analyze(reversed);
  EXPECT_EQ(a.story, b.story);
}

TEST(StoriesTest, GroupsAndEventsStayInsideTheirStory) {
  Analysed r = Analyze(Inputs());
  ASSERT_FALSE(r.corpus.groups.empty());
  for (const ClaimGroup& g : r.corpus.groups) {
    EXPECT_FALSE(g.story.empty()) << g.id;
    for (const ClaimRef& c : g.claims) EXPECT_EQ(r.corpus.StoryId(c.doc), g.story) << g.id;
  }
  for (const TimelineEvent& e : r.corpus.events) {
    for (const auto& ev : e.evidence) EXPECT_EQ(r.corpus.StoryId(ev.doc), e.story) << e.id;
  }
}

}  // namespace
}  // namespace isnad
