#pragma once
// The parsed form of a filter expression: a tree of predicates evaluated per record.
// A missing field reads as null, so `x > 1` is false and `x != 1` is true when x is absent;
// values of different types are never equal and never ordered (no "5" == 5 coercion).
#include <memory>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include <streamweaver/field_path.hpp>

namespace streamweaver::expression {

// A field of the record or a literal.
class Operand {
 public:
  static Operand field(FieldPath path) { return Operand(std::move(path), nullptr); }
  static Operand literal(nlohmann::json value) { return Operand(std::nullopt, std::move(value)); }
  const nlohmann::json& value_in(const nlohmann::json& event) const;

 private:
  Operand(std::optional<FieldPath> path, nlohmann::json value)
      : path_(std::move(path)), literal_(std::move(value)) {}
  std::optional<FieldPath> path_;
  nlohmann::json literal_;
};

class Predicate {
 public:
  virtual ~Predicate() = default;
  virtual bool matches(const nlohmann::json& event) const = 0;
};
using PredicatePtr = std::unique_ptr<const Predicate>;

enum class Comparison { equal, not_equal, less, less_equal, greater, greater_equal };

PredicatePtr make_any_of(std::vector<PredicatePtr> children);  // or
PredicatePtr make_all_of(std::vector<PredicatePtr> children);  // and
PredicatePtr make_not(PredicatePtr child);
PredicatePtr make_comparison(Operand left, Comparison op, Operand right);
PredicatePtr make_in_list(Operand operand, std::vector<nlohmann::json> list);
// String: substring; array: has an element equal to `needle`.
PredicatePtr make_contains(Operand haystack, Operand needle);
PredicatePtr make_starts_with(Operand text, Operand prefix);
// A bare value: true unless null, false, 0, or an empty string, array or object.
PredicatePtr make_truthy(Operand operand);

}  // namespace streamweaver::expression
