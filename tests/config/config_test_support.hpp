#pragma once
// Table-driven error checks: one row per broken pipeline file, with the one error expected.
#include <ostream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "config/config_error.hpp"

namespace streamweaver::config::testing {

inline constexpr const char* kFile = "test.toml";

struct ErrorCase {
  const char* name;     // test name suffix
  const char* toml;     // the file; a leading newline is dropped so line 1 is the first line
  int line;
  int column;
  const char* message;  // the whole message after FILE:LINE:COL:
};

inline std::string_view file_text(std::string_view toml) {
  return toml.starts_with('\n') ? toml.substr(1) : toml;
}

inline std::string listing(const ConfigErrors& errors) {
  std::string out = std::to_string(errors.size()) + " error(s):\n";
  for (const auto& e : errors) out += "  " + e.to_string() + "\n";
  return out;
}

inline void expect_only_error(const ConfigErrors& errors, const ErrorCase& c) {
  ASSERT_EQ(errors.size(), 1u) << listing(errors);
  EXPECT_EQ(errors[0].to_string(), std::string(kFile) + ":" + std::to_string(c.line) + ":" +
                                       std::to_string(c.column) + ": " + c.message);
}

inline void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

inline std::string case_name(const ::testing::TestParamInfo<ErrorCase>& info) {
  return info.param.name;
}

}  // namespace streamweaver::config::testing
