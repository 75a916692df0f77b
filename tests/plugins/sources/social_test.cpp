#include <map>
#include <set>

#include "source_test_support.hpp"

namespace sources_test {
namespace {

const Contract kPost{{"id", Kind::integer},          {"user", Kind::string},
                     {"text", Kind::string},         {"hashtags", Kind::string_array},
                     {"mentions", Kind::string_array}, {"likes", Kind::integer},
                     {"reposts", Kind::integer},     {"sentiment", Kind::number},
                     {"lang", Kind::string},         {"timestamp", Kind::string}};

class SocialTest : public testing::Test {
 protected:
  sw::testkit::LoadedPlugin plugin_ = sw::testkit::load(SOCIAL_PLUGIN_PATH);
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(SocialTest, DeclaresDocumentedOptions) { expect_documented_options(plugin_); }

TEST_F(SocialTest, PostsFollowTheContract) {
  const std::set<std::string> languages{"en", "es", "pt", "de", "fr"};
  std::int64_t last_id = 0;
  for (const auto& record : take(plugin_, {{"seed", 1}}, 3000)) {
    ASSERT_TRUE(matches_contract(record.value, kPost));
    ASSERT_TRUE(is_event_time(record));
    const auto& post = record.value;
    auto user = post["user"].get<std::string>();
    auto text = post["text"].get<std::string>();
    EXPECT_EQ(record.key, user);
    EXPECT_TRUE(languages.count(post["lang"].get<std::string>())) << post;
    EXPECT_LE(post["hashtags"].size(), 3u);
    EXPECT_LE(post["mentions"].size(), 2u);
    for (const auto& tag : post["hashtags"])
      EXPECT_TRUE(contains(text, "#" + tag.get<std::string>())) << post;
    std::set<std::string> mentioned;
    for (const auto& name : post["mentions"]) {
      EXPECT_TRUE(contains(text, "@" + name.get<std::string>())) << post;
      EXPECT_NE(name, user) << "mentions the author: " << post;
      EXPECT_TRUE(mentioned.insert(name).second) << "mentions twice: " << post;
    }
    EXPECT_FALSE(contains(text, "{")) << "unfilled slot: " << post;
    EXPECT_GE(post["sentiment"], -1.0);
    EXPECT_LE(post["sentiment"], 1.0);
    EXPECT_GE(post["likes"], 0);
    EXPECT_GE(post["reposts"], 0);
    EXPECT_LE(post["reposts"], post["likes"]);
    EXPECT_GT(post["id"], last_id);
    last_id = post["id"];
  }
}

TEST_F(SocialTest, SameSeedGivesSamePosts) {
  json options{{"seed", 7}};
  EXPECT_EQ(seeded_part(take(plugin_, options, 500)), seeded_part(take(plugin_, options, 500)));
}

TEST_F(SocialTest, DifferentSeedsGiveDifferentPosts) {
  EXPECT_NE(seeded_part(take(plugin_, {{"seed", 7}}, 100)),
            seeded_part(take(plugin_, {{"seed", 8}}, 100)));
}

TEST_F(SocialTest, RefusesBadOptionValues) {
  EXPECT_EQ(refusal(plugin_, {{"languages", {"en", "xx"}}}),
            "social: option 'languages' has no post templates for 'xx' "
            "(available: en, es, pt, de, fr)");
  EXPECT_EQ(refusal(plugin_, {{"user_zipf_exponent", -1}}),
            "social: option 'user_zipf_exponent' must be in [0, 4], got -1");
  EXPECT_EQ(refusal(plugin_, {{"max_hashtags_per_post", 11}}),
            "social: option 'max_hashtags_per_post' must be in [0, 10], got 11");
  EXPECT_EQ(refusal(plugin_, {{"sentiment_noise", 1.5}}),
            "social: option 'sentiment_noise' must be in [0, 1], got 1.5");
  EXPECT_EQ(refusal(plugin_, {{"users", {"ann", ""}}}),
            "social: option 'users' must not contain an empty name");
  EXPECT_EQ(refusal(plugin_, {{"hashtags", json::array()}}),
            "social: option 'hashtags' must not be empty");
  EXPECT_EQ(refusal(plugin_, {{"seed", 1}}), "");
}

TEST_F(SocialTest, TrendingUsersAndHashtagsDominateTheTail) {
  std::map<std::string, int> posts_by, tag_uses;
  for (const auto& record : take(plugin_, {{"seed", 2}}, 20'000)) {
    ++posts_by[record.value["user"]];
    for (const auto& tag : record.value["hashtags"]) ++tag_uses[tag];
  }
  // Defaults list the most active user and the most trending hashtag first.
  EXPECT_GT(posts_by["maya_builds"], 3 * posts_by["sam_reviews"]);
  EXPECT_GT(posts_by["maya_builds"], posts_by["lena_ml"]);
  EXPECT_GT(posts_by["lena_ml"], posts_by["sam_reviews"]);
  EXPECT_GT(tag_uses["AI"], 3 * tag_uses["Design"]);
  EXPECT_GT(tag_uses["AI"], tag_uses["Startup"]);
  EXPECT_GT(tag_uses["Startup"], tag_uses["Design"]);
  EXPECT_GT(tag_uses["Design"], 0);  // the tail still shows up
}

TEST_F(SocialTest, SentimentFollowsTheToneOfTheText) {
  double love_sum = 0, hate_sum = 0;
  int loves = 0, hates = 0;
  for (const auto& record : take(plugin_, {{"seed", 3}, {"languages", {"en"}}}, 5000)) {
    auto text = record.value["text"].get<std::string>();
    double sentiment = record.value["sentiment"];
    if (contains(text, "love")) love_sum += sentiment, ++loves;
    if (contains(text, "hate")) hate_sum += sentiment, ++hates;
  }
  ASSERT_GT(loves, 100);
  ASSERT_GT(hates, 100);
  EXPECT_GT(love_sum / loves, 0.6);
  EXPECT_LT(hate_sum / hates, -0.6);
}

TEST_F(SocialTest, WithoutNoiseSentimentIsTheTemplateTone) {
  for (const auto& record : take(plugin_,
                                 {{"seed", 4},
                                  {"languages", {"en"}},
                                  {"sentiment_noise", 0.0},
                                  {"max_hashtags_per_post", 0},
                                  {"max_mentions_per_post", 0}},
                                 3000)) {
    auto text = record.value["text"].get<std::string>();
    if (contains(text, "love")) {
      EXPECT_GE(record.value["sentiment"], 0.8) << text;
    }
    if (contains(text, "hate")) {
      EXPECT_LE(record.value["sentiment"], -0.8) << text;
    }
  }
}

TEST_F(SocialTest, EnglishLeadsTheLanguageMix) {
  std::map<std::string, int> posts_in;
  for (const auto& record : take(plugin_, {{"seed", 5}}, 10'000)) ++posts_in[record.value["lang"]];
  EXPECT_EQ(posts_in.size(), 5u);
  EXPECT_NEAR(share(posts_in["en"], 10'000), 0.68, 0.03);
  EXPECT_GT(posts_in["es"], posts_in["fr"]);
}

TEST_F(SocialTest, PopularUsersGetMoreLikes) {
  std::map<std::string, std::vector<std::int64_t>> likes_of;
  for (const auto& record :
       take(plugin_, {{"seed", 6}, {"users", {"star", "a", "b", "c", "d", "quiet"}}}, 20'000))
    likes_of[record.value["user"]].push_back(record.value["likes"]);
  auto median = [](std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  EXPECT_GT(median(likes_of["star"]), 2 * median(likes_of["quiet"]));
}

}  // namespace
}  // namespace sources_test
