#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <streamweaver/options.hpp>

namespace streamweaver::sources::social {

// Languages listed earlier are more common: weight 1/rank^2 (en, es, pt, de, fr gives
// 68 % en, 17 % es, ...).
inline constexpr double kLanguageZipfExponent = 2.0;
// Upper bound of max_hashtags_per_post and max_mentions_per_post.
inline constexpr std::int64_t kMaxTagsPerPost = 10;

// The social source's options, checked once when the source is made.
struct SocialSettings {
  std::vector<std::string> users;      // most active first
  std::vector<std::string> hashtags;   // most trending first
  std::vector<std::string> languages;  // most common first
  double user_zipf_exponent;
  double hashtag_zipf_exponent;
  std::int64_t max_hashtags_per_post;
  std::int64_t max_mentions_per_post;
  double median_likes;
  double sentiment_noise;

  static SocialSettings from(const Options& options);
};

}  // namespace streamweaver::sources::social
