#pragma once
// Reads one TOML table key by key, checking types, and reports every key nobody asked for
// as unknown (with a "did you mean"). All problems go to one error list with positions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/config_error.hpp"

namespace streamweaver::config {

class TableReader {
 public:
  // `context` names the table in messages, e.g. "[sources.stock]".
  TableReader(const toml::table& table, std::string context, std::string file,
              ConfigErrors& errors);

  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                      std::int64_t max = INT64_MAX);
  std::optional<double> number(std::string_view key, double min);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::vector<std::string>> strings(std::string_view key);
  // A sub-table; nullptr (with an error when the key is there but not a table) otherwise.
  const toml::table* table(std::string_view key);
  // A key whose value is read elsewhere (e.g. an array of tables).
  const toml::node* node(std::string_view key);

  // Reports keys that were never asked for. Call once, after all reads.
  void finish();

  Location where() const { return location_of(table_.source(), file_); }
  Location where(std::string_view key) const;
  void error(const Location& at, std::string message) const;

 private:
  const toml::node* find(std::string_view key, bool required);
  void wrong_type(std::string_view key, const char* expected);

  const toml::table& table_;
  std::string context_;
  std::string file_;
  ConfigErrors& errors_;
  std::vector<std::string> known_;
};

// A string map such as [kafka.producer]; values may be strings, numbers or booleans.
std::map<std::string, std::string> read_string_map(const toml::table& table,
                                                   const std::string& context,
                                                   const std::string& file, ConfigErrors& errors);

}  // namespace streamweaver::config
