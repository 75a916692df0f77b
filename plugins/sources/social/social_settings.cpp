#include "social_settings.hpp"

#include <algorithm>
#include <stdexcept>

#include <streamweaver/option_checks.hpp>

#include "post_catalog.hpp"

namespace streamweaver::sources::social {
namespace {

void require_templates_for(const std::vector<std::string>& languages) {
  auto templates = post_templates();
  for (const auto& lang : languages) {
    bool known = std::any_of(templates.begin(), templates.end(),
                             [&](const PostTemplate& t) { return t.lang == lang; });
    if (known) continue;
    std::string available;
    for (const auto& t : templates)
      if (available.find(t.lang) == std::string::npos)
        available += (available.empty() ? "" : ", ") + std::string(t.lang);
    refuse_option("languages", "has no post templates for '" + lang + "' (available: " +
                                   available + ")");
  }
}

}  // namespace

SocialSettings SocialSettings::from(const Options& options) {
  constexpr Interval kZipfExponents{.low = 0, .high = 4};
  constexpr Interval kTagsPerPost{.low = 0, .high = kMaxTagsPerPost};
  SocialSettings s;
  s.users = checked_names(options, "users");
  s.hashtags = checked_names(options, "hashtags");
  s.languages = checked_names(options, "languages");
  require_templates_for(s.languages);
  s.user_zipf_exponent = checked_number(options, "user_zipf_exponent", kZipfExponents);
  s.hashtag_zipf_exponent = checked_number(options, "hashtag_zipf_exponent", kZipfExponents);
  s.max_hashtags_per_post = checked_integer(options, "max_hashtags_per_post", kTagsPerPost);
  s.max_mentions_per_post = checked_integer(options, "max_mentions_per_post", kTagsPerPost);
  s.median_likes = checked_number(options, "median_likes", {.low = 0, .high = 1e6});
  s.sentiment_noise = checked_number(options, "sentiment_noise", {.low = 0, .high = 1});
  return s;
}

}  // namespace streamweaver::sources::social
