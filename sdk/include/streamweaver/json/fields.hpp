#pragma once
// Reading a few fields of every record without building its JSON value, for transforms that
// look at some fields (a group, a price) of many records a second.
//
// A transform that reads records only through JsonFields (and Record's key, timestamp and
// headers) says so in its class:
//   static constexpr bool reads_json_text = true;
// The host then hands it records as JSON text (Record::json) and builds no Record::value
// for it. A record that has a value (a source or an earlier stage made one) is read from it.
//
//   if (!fields_.read(in)) return streamweaver::Status::rejected("value is not a JSON object");
//   auto price = fields_.number(price_path_);  // nullopt: missing, or not a number
//
// What it reads is what nlohmann::json::parse would give for the same text. A record that
// reaches the end of a chain as text no stage read as a value is checked to be an object.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "streamweaver/field_path.hpp"
#include "streamweaver/record.hpp"

namespace streamweaver {

class JsonFields {
 public:
  JsonFields();
  ~JsonFields();
  JsonFields(JsonFields&&) noexcept;
  JsonFields& operator=(JsonFields&&) noexcept;

  // Reads `record`: its JSON text when it has one, else its value. False when that is not a
  // JSON object, or text nested deeper than kMaxJsonDepth (256) levels, which the host
  // refuses too (then no field is found). `record` must outlive the reads of its fields.
  bool read(const Record& record);

  // The number at `path`: a JSON number, or a string that holds one (see number_of).
  std::optional<double> number(const FieldPath& path) const;
  // The scalar at `path` as text (see scalar_text); nullopt when missing, null, an array or
  // an object.
  std::optional<std::string> scalar(const FieldPath& path) const;

 private:
  // The field at `path`, handed to on_value (a nlohmann value: the record's, or nlohmann's
  // parse of its text) or to on_element (simdjson's); nullopt when it is missing.
  template <class OnValue, class OnElement>
  auto at(const FieldPath& path, OnValue on_value, OnElement on_element) const
      -> decltype(on_value(std::declval<const nlohmann::json&>()));

  struct State;
  std::unique_ptr<State> state_;
};

// A JSON number, or a string holding a whole number text ("503", "178.52"), which log and
// CSV-born events often carry; nullopt for anything else ("12abc", "", true).
std::optional<double> number_of(const nlohmann::json& value);
std::optional<double> number_in_text(std::string_view text);

// A string as it is, a number or boolean as JSON writes it ("42", "true"); nullopt for null,
// arrays and objects.
std::optional<std::string> scalar_text(const nlohmann::json& value);

}  // namespace streamweaver
