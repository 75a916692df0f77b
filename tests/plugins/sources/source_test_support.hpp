#pragma once
// What the source plugin tests share: the field contract check, determinism helpers and
// catching a refused option.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <streamweaver/testkit.hpp>

namespace sources_test {

namespace sw = streamweaver;
using nlohmann::json;

enum class Kind { string, integer, number, string_array };
using Contract = std::vector<std::pair<std::string, Kind>>;

inline bool has_kind(const json& value, Kind kind) {
  switch (kind) {
    case Kind::string: return value.is_string();
    case Kind::integer: return value.is_number_integer();
    case Kind::number: return value.is_number();
    case Kind::string_array:
      return value.is_array() &&
             std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); });
  }
  return false;
}

// Exactly the contract's fields, each with its JSON type.
inline testing::AssertionResult matches_contract(const json& value, const Contract& contract) {
  if (!value.is_object()) return testing::AssertionFailure() << "not an object: " << value;
  if (value.size() != contract.size())
    return testing::AssertionFailure() << value.size() << " fields, want " << contract.size()
                                       << ": " << value;
  for (const auto& [name, kind] : contract) {
    auto it = value.find(name);
    if (it == value.end()) return testing::AssertionFailure() << "no '" << name << "': " << value;
    if (!has_kind(*it, kind))
      return testing::AssertionFailure() << "'" << name << "' has type " << it->type_name()
                                         << ": " << value;
  }
  return testing::AssertionSuccess();
}

// ISO-8601 UTC with microseconds that names the same millisecond as Record::timestamp_ms.
inline testing::AssertionResult is_event_time(const sw::Record& record) {
  const auto& field = record.value.at("timestamp");
  std::string text = field.is_string() ? field.get<std::string>() : "";
  std::string from_ms = sw::iso8601_utc(record.timestamp_ms * 1000);
  if (text.size() != 27 || text.back() != 'Z' || text.compare(0, 23, from_ms, 0, 23) != 0)
    return testing::AssertionFailure() << "timestamp " << field << " vs timestamp_ms "
                                       << record.timestamp_ms << " (" << from_ms << ")";
  if (std::abs(record.timestamp_ms - sw::now_ms()) > 60'000)
    return testing::AssertionFailure() << "timestamp_ms " << record.timestamp_ms << " is not now";
  return testing::AssertionSuccess();
}

template <class Visit>
void for_each_record(sw::Source& source, std::size_t count, Visit&& visit) {
  for (std::size_t i = 0; i < count; ++i) {
    sw::Record record;
    auto status = sw::testkit::next(source, record);
    ASSERT_TRUE(status.is_ok()) << status.message();
    visit(record);
  }
}

inline std::vector<sw::Record> take(const sw::testkit::LoadedPlugin& plugin, json options,
                                    std::size_t count) {
  auto source = plugin.make_source(std::move(options));
  return sw::testkit::take(*source, count);
}

// Record values minus the wall-clock timestamp: the part a seed reproduces.
inline std::vector<json> seeded_part(const std::vector<sw::Record>& records) {
  std::vector<json> values;
  for (const auto& record : records) {
    json value = record.value;
    value.erase("timestamp");
    values.push_back(std::move(value));
  }
  return values;
}

// The message a factory refuses these options with; empty when it accepts them.
inline std::string refusal(const sw::testkit::LoadedPlugin& plugin, json options) {
  try {
    plugin.make_source(std::move(options));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// Every option is snake_case and described; the seed has no default (fresh each run).
inline void expect_documented_options(const sw::testkit::LoadedPlugin& plugin) {
  bool has_seed = false;
  for (const auto& option : plugin.descriptor().info.options) {
    EXPECT_FALSE(option.description.empty()) << option.name;
    EXPECT_TRUE(std::all_of(option.name.begin(), option.name.end(), [](char c) {
      return std::islower(static_cast<unsigned char>(c)) ||
             std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    })) << option.name;
    if (option.name == "seed") has_seed = option.type == sw::OptionType::integer;
    else EXPECT_FALSE(option.default_value.is_null()) << option.name << " has no default";
  }
  EXPECT_TRUE(has_seed);
}

template <class Count>
double share(Count part, Count whole) {
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace sources_test
