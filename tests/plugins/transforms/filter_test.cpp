#include <gtest/gtest.h>

#include "transform_harness.hpp"

namespace sw = streamweaver;
using nlohmann::json;
using transform_tests::feed;
using transform_tests::make_record;
using transform_tests::refusal;

namespace {

const sw::testkit::LoadedPlugin& filter_plugin() {
  return transform_tests::load_once(FILTER_PLUGIN_PATH);
}

const json kEvent = {
    {"status", 503},
    {"method", "POST"},
    {"path", "/api/orders"},
    {"latency_ms", 12.5},
    {"host", "web-1"},
    {"active", true},
    {"note", nullptr},
    {"tags", {"a", "b"}},
    {"user", {{"id", 42}, {"name", "ada"}, {"roles", {"admin", "dev"}}}},
    {"quote", "it's"},
};

bool keeps(const std::string& expression, const json& event = kEvent) {
  auto transform = filter_plugin().make_transform({{"expression", expression}});
  return !feed(*transform, make_record(event, 1)).empty();
}

struct Case {
  const char* expression;
  bool kept;
};

void expect_all(std::initializer_list<Case> cases) {
  for (const auto& c : cases) EXPECT_EQ(keeps(c.expression), c.kept) << c.expression;
}

}  // namespace

TEST(Filter, DescribesItself) {
  const auto& info = filter_plugin().descriptor().info;
  EXPECT_EQ(info.name, "filter");
  ASSERT_EQ(info.options.size(), 1u);
  EXPECT_EQ(info.options[0].name, "expression");
  EXPECT_TRUE(info.options[0].required);
}

TEST(Filter, ComparesNumbers) {
  expect_all({{"status == 503", true},
              {"status != 503", false},
              {"status >= 500", true},
              {"status > 503", false},
              {"status < 500", false},
              {"status <= 503", true},
              {"latency_ms > 12", true},
              {"latency_ms <= 12.5", true},
              {"status == 503.0", true},
              {"latency_ms > -1", true},
              {"status < 1e3", true},
              {"503 == status", true}});
}

TEST(Filter, ComparesStrings) {
  expect_all({{"method == 'POST'", true},
              {"method == \"GET\"", false},
              {"method != 'GET'", true},
              {"host > 'web-0'", true},
              {"host < 'web-0'", false},
              {"quote == 'it\\'s'", true},
              {"quote == \"it's\"", true}});
}

TEST(Filter, ComparesBooleansAndNull) {
  expect_all({{"active == true", true},
              {"active == false", false},
              {"active != false", true},
              {"note == null", true},
              {"note != null", false},
              {"status != null", true}});
}

TEST(Filter, ReadsNestedFieldsAndArrayIndexes) {
  expect_all({{"user.id == 42", true},
              {"user.name == 'ada'", true},
              {"user.name == 'bob'", false},
              {"tags.0 == 'a'", true},
              {"tags.1 == 'b'", true},
              {"tags.2 == 'c'", false},
              {"user.roles.1 == 'dev'", true}});
}

TEST(Filter, MissingFieldsAreNull) {
  expect_all({{"missing == null", true},
              {"missing != null", false},
              {"missing > 1", false},
              {"missing < 1", false},
              {"missing == 1", false},
              {"missing != 1", true},
              {"user.missing.deep == 1", false},
              {"user.name.first == 'a'", false},
              {"missing in [1, 2]", false},
              {"missing contains 'a'", false},
              {"missing starts_with 'a'", false},
              {"not missing", true}});
}

TEST(Filter, NeverMixesTypes) {
  expect_all({{"status == '503'", false},
              {"status > 'a'", false},
              {"method > 1", false},
              {"active == 1", false},
              {"active > false", false},
              {"note < 1", false}});
}

TEST(Filter, InLists) {
  expect_all({{"method in ['GET', 'POST']", true},
              {"status in [500, 502]", false},
              {"status in [500, 503.0]", true},
              {"status in []", false},
              {"status not in [500]", true},
              {"not status in [503]", false},
              {"note in [null]", true},
              {"active in [true]", true}});
}

TEST(Filter, ContainsAndStartsWith) {
  expect_all({{"path contains 'ord'", true},
              {"path contains 'xyz'", false},
              {"tags contains 'b'", true},
              {"tags contains 'z'", false},
              {"user.roles contains 'admin'", true},
              {"path starts_with '/api'", true},
              {"path starts_with 'api'", false},
              {"status contains '5'", false},
              {"status starts_with '5'", false},
              {"path contains method", false},
              {"user.roles contains user.name", false}});
}

TEST(Filter, PrecedenceIsNotThenAndThenOr) {
  expect_all({
      {"true or false and false", true},  // or (and) -- not (or) and
      {"(true or false) and false", false},
      {"not false and false", false},  // (not false) and false
      {"not (false and false)", true},
      {"false and false or true", true},
      {"not active or status == 503", true},
      {"not not active", true},
      {"status >= 500 and method == 'POST' and not (path starts_with '/health')", true},
      {"status < 500 or method in ['PUT'] or user.id == 42", true},
  });
}

TEST(Filter, SymbolicOperatorsAndTruthiness) {
  expect_all({{"status >= 500 && method == 'POST'", true},
              {"status < 500 || active", true},
              {"!(status < 500)", true},
              {"!active", false},
              {"active", true},
              {"note", false},
              {"tags", true},
              {"method", true},
              {"user.id", true}});
}

TEST(Filter, KeepsMatchingRecordsUnchangedAndDropsTheRest) {
  auto transform = filter_plugin().make_transform({{"expression", "level == 'error'"}});
  sw::Record record = make_record({{"level", "error"}, {"msg", "boom"}}, 123, "k");
  record.headers.push_back({"trace", "t1"});
  auto out = sw::testkit::run(*transform, {record, make_record({{"level", "info"}}, 124)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key, "k");
  EXPECT_EQ(out[0].value, record.value);
  EXPECT_EQ(out[0].timestamp_ms, 123);
  ASSERT_NE(out[0].header("trace"), nullptr);
  EXPECT_EQ(*out[0].header("trace"), "t1");
}

TEST(Filter, NonObjectValuesOnlyMatchNullChecks) {
  auto transform = filter_plugin().make_transform({{"expression", "status == null"}});
  EXPECT_EQ(feed(*transform, make_record(json::array({1, 2}))).size(), 1u);
  transform = filter_plugin().make_transform({{"expression", "status > 1"}});
  EXPECT_TRUE(feed(*transform, make_record("text")).empty());
}

TEST(Filter, BadExpressionGivesThePositionAndACaret) {
  EXPECT_EQ(refusal(filter_plugin(), {{"expression", "status >= "}}),
            "filter: expression: expected a value at position 9: status >= \n"
            "  status >= \n"
            "           ^");
}

TEST(Filter, BadExpressionMessages) {
  // Only the first line: the rest repeats the expression with a caret.
  auto first_line = [](const std::string& expression) {
    auto message = refusal(filter_plugin(), {{"expression", expression}});
    return message.substr(0, message.find('\n'));
  };
  const std::pair<const char*, const char*> cases[] = {
      {"", "expected a value at position 0: "},
      {"status = 5", "'=' is not an operator, use '==' at position 7: status = 5"},
      {"(status > 1", "expected ')', got the end at position 11: (status > 1"},
      {"status > 1 )", "expected 'and', 'or' or the end, got ')' at position 11: status > 1 )"},
      {"status > 1 status",
       "expected 'and', 'or' or the end, got 'status' at position 11: status > 1 status"},
      {"method in 'GET'", "expected '[' after 'in', got 'GET' at position 10: method in 'GET'"},
      {"method in ['GET' 'PUT']",
       "expected ',' or ']', got 'PUT' at position 17: method in ['GET' 'PUT']"},
      {"status in [1, status]",
       "expected a literal in the list, got 'status' at position 14: status in [1, status]"},
      {"name == 'abc", "unterminated string at position 8: name == 'abc"},
      {"a @ b", "unexpected character '@' at position 2: a @ b"},
      {"a & b", "'&' is not an operator, use '&&' or 'and' at position 2: a & b"},
      {"a not b", "expected 'in' after 'not', got 'b' at position 6: a not b"},
      {"x > 5abc", "invalid number at position 4: x > 5abc"},
      {"x > 1.2.3", "invalid number '1.2.3' at position 4: x > 1.2.3"},
      {"a. == 1", "expected a field name after '.' at position 2: a. == 1"},
      {"x == 'a\\q'", "unknown escape '\\q' at position 7: x == 'a\\q'"},
      {"status >= and", "expected a value, got 'and' at position 10: status >= and"},
      {"not", "expected a value at position 3: not"},
      {"()", "expected a value, got ')' at position 1: ()"},
  };
  for (const auto& [expression, message] : cases)
    EXPECT_EQ(first_line(expression), std::string("filter: expression: ") + message) << expression;
}

TEST(Filter, CaretStaysAlignedForMultiLineExpressions) {
  EXPECT_EQ(refusal(filter_plugin(), {{"expression", "a == 1 and\n\tb =="}}),
            "filter: expression: expected a value at position 16: a == 1 and  b ==\n"
            "  a == 1 and  b ==\n" +
                std::string(2 + 16, ' ') + "^");
}

TEST(Filter, ExpressionIsRequired) {
  EXPECT_EQ(refusal(filter_plugin(), json::object()), "missing required option 'expression'");
}
