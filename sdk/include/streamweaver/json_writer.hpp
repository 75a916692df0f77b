#pragma once
// Writes a record's value as JSON text straight into Record::json, without building a
// nlohmann::json object first: for sources that make many records a second. The text is
// byte for byte what nlohmann::json::dump() writes for the same object, provided the fields
// come in sorted key order (nlohmann::json keeps keys sorted); debug builds check the order.
//
//   streamweaver::JsonObjectWriter(out.json)
//       .field("price", 101.25).field("side", "BUY").field("symbol", symbol).field("trade_id", 7);
//
// Strings nlohmann would write unchanged (valid UTF-8 with nothing to escape) are copied as
// they are; any other string, and any nlohmann::json value, goes through nlohmann's own
// serializer, so escaping and invalid UTF-8 (replaced by U+FFFD) come out the same. That
// serializer is made once per thread, not once per string: making one looks up the locale
// and allocates.
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamweaver {

class JsonObjectWriter {
 public:
  // Replaces what `out` held; the object is closed when the writer goes out of scope.
  explicit JsonObjectWriter(std::string& out) : out_(out) {
    out_.clear();
    put('{');
  }
  ~JsonObjectWriter() {
    put('}');
    flush();
  }
  JsonObjectWriter(const JsonObjectWriter&) = delete;
  JsonObjectWriter& operator=(const JsonObjectWriter&) = delete;

  JsonObjectWriter& field(std::string_view key, std::string_view value) {
    name(key);
    string(value);
    return *this;
  }
  JsonObjectWriter& field(std::string_view key, const char* value) { return field(key, std::string_view(value)); }
  JsonObjectWriter& field(std::string_view key, const std::string& value) { return field(key, std::string_view(value)); }
  JsonObjectWriter& field(std::string_view key, bool value) {
    name(key);
    put(value ? std::string_view("true") : std::string_view("false"));
    return *this;
  }
  template <std::integral Integer>
  JsonObjectWriter& field(std::string_view key, Integer value) {
    name(key);
    char digits[24];
    put({digits, std::to_chars(digits, digits + sizeof digits, value).ptr});
    return *this;
  }
  JsonObjectWriter& field(std::string_view key, double value) {
    name(key);
    if (!std::isfinite(value)) {
      put("null");  // as nlohmann writes NaN and infinities
      return *this;
    }
    char digits[64];
    put({digits, nlohmann::detail::to_chars(digits, digits + sizeof digits, value)});
    return *this;
  }
  JsonObjectWriter& field(std::string_view key, const std::vector<std::string>& values) {
    return string_list(key, values);
  }
  // Views into strings the source keeps: a list without a copy of each entry.
  JsonObjectWriter& field(std::string_view key, const std::vector<std::string_view>& values) {
    return string_list(key, values);
  }
  // Anything else: arrays of other types, nested objects.
  JsonObjectWriter& field(std::string_view key, const nlohmann::json& value) {
    name(key);
    put(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return *this;
  }

 private:
  void name(std::string_view key) {
    assert(last_key_.empty() || last_key_ < key);  // sorted, as nlohmann::json writes them
    if (!first_) put(',');
    first_ = false;
    string(key);
    put(':');
#ifndef NDEBUG
    last_key_ = key;
#endif
  }

  template <class Strings>
  JsonObjectWriter& string_list(std::string_view key, const Strings& values) {
    name(key);
    put('[');
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) put(',');
      string(values[i]);
    }
    put(']');
    return *this;
  }

  void string(std::string_view text) {
    if (!is_plain(text)) return escaped(text);
    put('"');
    put(text);
    put('"');
  }

  // The text is gathered in `staged_` and appended to `out_` when that is full or the object
  // ends: a record is many small pieces, and appending each to a string costs a call and a
  // capacity check.
  void put(char c) {
    if (staged_size_ == sizeof staged_) flush();
    staged_[staged_size_++] = c;
  }
  void put(std::string_view piece) {
    if (piece.empty()) return;  // its data() may be null, which memcpy must not get
    if (piece.size() > sizeof staged_ - staged_size_) {
      flush();
      if (piece.size() > sizeof staged_) return out_.append(piece), void();
    }
    std::memcpy(staged_ + staged_size_, piece.data(), piece.size());
    staged_size_ += piece.size();
  }
  void flush() {
    out_.append(staged_, staged_size_);
    staged_size_ = 0;
  }

  // Text nlohmann writes unchanged: valid UTF-8 without control characters, quotes or
  // backslashes. Written as it is.
  static bool is_plain(std::string_view text) {
    const auto* at = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = at + text.size();
    while (at < end) {
      auto left = end - at;
      if (left >= 8 && plain_ascii_word(load<std::uint64_t>(at))) {
        at += 8;
      } else if (left < 8 && left >= 4 && plain_ascii_word(tail_word(at, end))) {
        return true;
      } else if (*at < 0x80) {
        if (!kPlainAscii[*at]) return false;
        ++at;
      } else {
        std::size_t length = utf8_length(at, end);
        if (length == 0) return false;  // nlohmann replaces it with U+FFFD
        at += length;
      }
    }
    return true;
  }

  template <class Word>
  static Word load(const unsigned char* at) {
    Word word;
    std::memcpy(&word, at, sizeof word);
    return word;
  }
  // The last 4 to 7 bytes as one word: the first four and the last four (they may overlap).
  static std::uint64_t tail_word(const unsigned char* at, const unsigned char* end) {
    return load<std::uint32_t>(at) | std::uint64_t{load<std::uint32_t>(end - 4)} << 32;
  }

  // Whether all 8 bytes of `word` are plain ASCII, tested at once: the usual bit trick for
  // "some byte is zero" (or below n), applied to the bytes, to their distance from a quote
  // and to their distance from a backslash.
  static bool plain_ascii_word(std::uint64_t word) {
    constexpr std::uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;
    auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
    std::uint64_t below_space = (word - 0x20 * kOnes) & ~word & kHighs;
    return !((word & kHighs) | below_space | has_zero(word ^ ('"' * kOnes)) |
             has_zero(word ^ ('\\' * kOnes)));
  }

  static constexpr auto kPlainAscii = [] {
    std::array<bool, 128> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
    return plain;
  }();

  // Bytes in the well-formed UTF-8 sequence starting at `at` (the Unicode standard's table
  // 3-7: no overlong forms, no surrogates, nothing past U+10FFFF), or 0.
  static std::size_t utf8_length(const unsigned char* at, const unsigned char* end) {
    auto within = [](unsigned char c, unsigned char low, unsigned char high) {
      return c >= low && c <= high;
    };
    auto left = static_cast<std::size_t>(end - at);
    unsigned char lead = at[0];
    if (within(lead, 0xC2, 0xDF)) return left >= 2 && within(at[1], 0x80, 0xBF) ? 2 : 0;
    if (within(lead, 0xE0, 0xEF)) {
      unsigned char low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
      return left >= 3 && within(at[1], low, high) && within(at[2], 0x80, 0xBF) ? 3 : 0;
    }
    if (within(lead, 0xF0, 0xF4)) {
      unsigned char low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
      return left >= 4 && within(at[1], low, high) && within(at[2], 0x80, 0xBF) &&
                     within(at[3], 0x80, 0xBF)
                 ? 4
                 : 0;
    }
    return 0;
  }

  // Through nlohmann's serializer, reused: the text goes into a JSON string it keeps.
  void escaped(std::string_view text) {
    using Serializer = nlohmann::detail::serializer<nlohmann::json>;
    struct Escaper {
      nlohmann::json value = std::string();
      std::string text;
      Serializer serializer{nlohmann::detail::output_adapter<char>(text), ' ',
                            nlohmann::json::error_handler_t::replace};
    };
    thread_local Escaper escaper;
    escaper.value.get_ref<std::string&>().assign(text);
    escaper.text.clear();
    escaper.serializer.dump(escaper.value, false, false, 0);
    put(escaper.text);
  }

  std::string& out_;
  char staged_[512];
  std::size_t staged_size_ = 0;
  bool first_ = true;
  std::string last_key_;  // debug builds only
};

}  // namespace streamweaver
