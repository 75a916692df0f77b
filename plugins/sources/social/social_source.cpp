// social: posts from a few very active users and many quiet ones, with trending hashtags.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <streamweaver/sdk.hpp>

#include "common/event_clock.hpp"
#include "common/numbers.hpp"
#include "common/seeded_rng.hpp"
#include "common/slot_template.hpp"
#include "common/weighted_choice.hpp"
#include "post_catalog.hpp"
#include "social_settings.hpp"

namespace streamweaver::sources::social {
namespace {

// Chance of one more hashtag / mention after each one, up to the configured maximum.
constexpr double kAnotherHashtag = 0.6;
constexpr double kAnotherMention = 0.3;
// Likes are log-normal around median_likes, scaled by the author's reach.
constexpr double kLikesSigma = 1.0;
// Strong opinions, either way, get more engagement.
constexpr double kToneEngagementBoost = 0.5;
constexpr double kMinRepostShare = 0.02;
constexpr double kMaxRepostShare = 0.2;

// A post template, split once, with the tone its sentiment centres on.
struct ToneTemplate {
  SlotTemplate text;
  double tone;
};

struct Language {
  std::string code;
  std::vector<ToneTemplate> templates;
};

std::vector<Language> compile_templates(const std::vector<std::string>& languages) {
  std::vector<Language> compiled;
  for (const auto& code : languages) {
    Language language{code, {}};
    for (const auto& t : post_templates())
      if (t.lang == code)
        language.templates.push_back({SlotTemplate(t.text, slot_names()), t.tone});
    compiled.push_back(std::move(language));
  }
  return compiled;
}

// Zipf weights rescaled to average 1: how much more attention a user's posts get.
std::vector<double> reach_of_users(std::size_t count, double exponent) {
  auto reach = zipf_weights(count, exponent);
  double mean = 0;
  for (double r : reach) mean += r / static_cast<double>(count);
  for (double& r : reach) r /= mean;
  return reach;
}

// Up to `max` distinct weighted picks, never `excluded`. A repeated pick is dropped rather than
// redrawn, so short lists give fewer entries instead of a long loop.
class DistinctPicks {
 public:
  DistinctPicks(const WeightedChoice& choice, std::int64_t max, double another,
                std::size_t excluded, SeededRng& rng) {
    for (std::int64_t i = 0; i < max && rng.chance(another); ++i) {
      auto picked = choice.pick(rng);
      if (picked != excluded && std::find(begin(), end(), picked) == end())
        picked_[count_++] = picked;
    }
  }
  const std::size_t* begin() const { return picked_.data(); }
  const std::size_t* end() const { return picked_.data() + count_; }

 private:
  std::array<std::size_t, kMaxTagsPerPost> picked_{};
  std::size_t count_ = 0;
};

class SocialSource {
 public:
  explicit SocialSource(const Options& options)
      : settings_(SocialSettings::from(options)),
        rng_(seed_from(options)),
        users_(zipf_weights(settings_.users.size(), settings_.user_zipf_exponent)),
        hashtags_(zipf_weights(settings_.hashtags.size(), settings_.hashtag_zipf_exponent)),
        languages_(zipf_weights(settings_.languages.size(), kLanguageZipfExponent)),
        templates_(compile_templates(settings_.languages)),
        reach_(reach_of_users(settings_.users.size(), settings_.user_zipf_exponent)) {}

  Status next(Record& out) {
    auto author = users_.pick(rng_);
    const auto& language = templates_[languages_.pick(rng_)];
    const auto& chosen = language.templates[rng_.index(language.templates.size())];

    auto& text = post_text_;
    text.clear();
    chosen.text.render(text, [&](std::string& into, std::size_t slot) {
      auto words = slot_words(slot);
      into += words[rng_.index(words.size())];
    });
    post_mentions_.clear();
    for (auto user : DistinctPicks(users_, settings_.max_mentions_per_post, kAnotherMention,
                                   author, rng_)) {
      (text += " @") += settings_.users[user];
      post_mentions_.push_back(settings_.users[user]);
    }
    post_hashtags_.clear();
    for (auto tag : DistinctPicks(hashtags_, settings_.max_hashtags_per_post, kAnotherHashtag,
                                  settings_.hashtags.size(), rng_)) {
      (text += " #") += settings_.hashtags[tag];
      post_hashtags_.push_back(settings_.hashtags[tag]);
    }

    double sentiment =
        std::clamp(chosen.tone + settings_.sentiment_noise * rng_.normal(), -1.0, 1.0);
    double median = settings_.median_likes * reach_[author] *
                    (1 + kToneEngagementBoost * std::abs(chosen.tone));
    auto likes = static_cast<std::int64_t>(median * std::exp(kLikesSigma * rng_.normal()));
    auto reposts = static_cast<std::int64_t>(
        static_cast<double>(likes) * rng_.uniform(kMinRepostShare, kMaxRepostShare));
    const std::string& user = settings_.users[author];
    auto time = clock_.now();

    JsonObjectWriter(out.json)  // in key order, as nlohmann::json writes them
        .field("hashtags", post_hashtags_)
        .field("id", ++last_id_)
        .field("lang", language.code)
        .field("likes", likes)
        .field("mentions", post_mentions_)
        .field("reposts", reposts)
        .field("sentiment", round_to<3>(sentiment))
        .field("text", text)
        .field("timestamp", time.iso)
        .field("user", user);
    out.key = user;
    out.timestamp_ms = time.ms;
    return Status::ok();
  }

 private:
  SocialSettings settings_;
  SeededRng rng_;
  WeightedChoice users_;
  WeightedChoice hashtags_;
  WeightedChoice languages_;
  std::vector<Language> templates_;  // parallel to settings_.languages
  std::vector<double> reach_;        // parallel to settings_.users
  EventClock clock_;
  std::int64_t last_id_ = 0;  // post ids count up from 1, unique per source instance
  // The post being made, kept from record to record with their memory; views into settings_.
  std::string post_text_;
  std::vector<std::string_view> post_mentions_;
  std::vector<std::string_view> post_hashtags_;
};

}  // namespace
}  // namespace streamweaver::sources::social

STREAMWEAVER_SOURCE_PLUGIN(streamweaver::sources::social::SocialSource, {
    .name = "social",
    .version = "1.0.0",
    .description = "Social media posts (id, user, text, hashtags, mentions, likes, reposts, "
                   "sentiment, lang, timestamp) with trending users and hashtags. Key: user",
    .options = {
        {.name = "users", .type = streamweaver::OptionType::string_list,
         .default_value = {"maya_builds", "dan_ships_it", "sofia_codes", "kenji_dev",
                           "priya_data", "lucas_ferreira", "amelie_ux", "omar_cloud",
                           "lena_ml", "jonas_ops", "chloe_writes", "ravi_k", "nina_photos",
                           "ben_runs", "isabela_art", "tom_in_berlin", "aisha_eats",
                           "felix_plays", "zoe_travels", "sam_reviews"},
         .description = "User handles (without @), most active first"},
        {.name = "hashtags", .type = streamweaver::OptionType::string_list,
         .default_value = {"AI", "Kafka", "OpenSource", "DevOps", "Rust", "MachineLearning",
                           "CloudNative", "WebDev", "DataEngineering", "Startup", "Music",
                           "Travel", "Football", "Gaming", "Photography", "Coffee", "Climate",
                           "Books", "Fitness", "Design"},
         .description = "Hashtags (without #), most trending first"},
        {.name = "languages", .type = streamweaver::OptionType::string_list,
         .default_value = {"en", "es", "pt", "de", "fr"},
         .description = "Post languages (ISO 639-1) among en, es, pt, de, fr; most common "
                        "first, weighted 1/rank^2"},
        {.name = "user_zipf_exponent", .type = streamweaver::OptionType::number,
         .default_value = 1.1,
         .description = "How strongly the first users dominate, in [0, 4]: user k posts "
                        "with weight 1/k^exponent and gets likes in proportion (0: uniform)"},
        {.name = "hashtag_zipf_exponent", .type = streamweaver::OptionType::number,
         .default_value = 1.2,
         .description = "How strongly the first hashtags trend, in [0, 4] (0: uniform)"},
        {.name = "max_hashtags_per_post", .type = streamweaver::OptionType::integer,
         .default_value = 3,
         .description = "Most hashtags in one post, in [0, 10]; fewer are more common"},
        {.name = "max_mentions_per_post", .type = streamweaver::OptionType::integer,
         .default_value = 2,
         .description = "Most @mentions in one post, in [0, 10]; fewer are more common"},
        {.name = "median_likes", .type = streamweaver::OptionType::number,
         .default_value = 8.0,
         .description = "Median likes of an average user's neutral post; likes are "
                        "log-normal (long tail), reposts 2-20 % of likes"},
        {.name = "sentiment_noise", .type = streamweaver::OptionType::number,
         .default_value = 0.15,
         .description = "Standard deviation of sentiment around the tone of the post's "
                        "template, in [0, 1]; sentiment is clamped to [-1, 1]"},
        streamweaver::sources::seed_option(),
    },
    .display = {.title = "Social feed",
                .chart = {{"likes", ""}, {"reposts", ""}, {"sentiment", ""}},
                .series = "lang",
                .breakdown = "lang",
                .text = "text"},
})
