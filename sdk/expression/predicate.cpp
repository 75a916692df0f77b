#include <streamweaver/expression/predicate.hpp>

#include <algorithm>
#include <string>

namespace streamweaver::expression {
namespace {

const nlohmann::json kNull = nullptr;

bool same_kind(const nlohmann::json& a, const nlohmann::json& b) {
  return (a.is_number() && b.is_number()) || a.type() == b.type();
}

// nlohmann compares integers and floats by value; other kinds must match exactly.
bool equal(const nlohmann::json& a, const nlohmann::json& b) { return same_kind(a, b) && a == b; }

// Only numbers with numbers and strings with strings have an order.
bool ordered(const nlohmann::json& a, Comparison op, const nlohmann::json& b) {
  if (!((a.is_number() && b.is_number()) || (a.is_string() && b.is_string()))) return false;
  switch (op) {
    case Comparison::less: return a < b;
    case Comparison::less_equal: return a <= b;
    case Comparison::greater: return a > b;
    case Comparison::greater_equal: return a >= b;
    default: return false;
  }
}

class AnyOf final : public Predicate {
 public:
  explicit AnyOf(std::vector<PredicatePtr> children) : children_(std::move(children)) {}
  bool matches(const nlohmann::json& event) const override {
    return std::any_of(children_.begin(), children_.end(),
                       [&](const auto& child) { return child->matches(event); });
  }

 private:
  std::vector<PredicatePtr> children_;
};

class AllOf final : public Predicate {
 public:
  explicit AllOf(std::vector<PredicatePtr> children) : children_(std::move(children)) {}
  bool matches(const nlohmann::json& event) const override {
    return std::all_of(children_.begin(), children_.end(),
                       [&](const auto& child) { return child->matches(event); });
  }

 private:
  std::vector<PredicatePtr> children_;
};

class Not final : public Predicate {
 public:
  explicit Not(PredicatePtr child) : child_(std::move(child)) {}
  bool matches(const nlohmann::json& event) const override { return !child_->matches(event); }

 private:
  PredicatePtr child_;
};

class Compare final : public Predicate {
 public:
  Compare(Operand left, Comparison op, Operand right)
      : left_(std::move(left)), op_(op), right_(std::move(right)) {}
  bool matches(const nlohmann::json& event) const override {
    const auto& a = left_.value_in(event);
    const auto& b = right_.value_in(event);
    switch (op_) {
      case Comparison::equal: return equal(a, b);
      case Comparison::not_equal: return !equal(a, b);
      default: return ordered(a, op_, b);
    }
  }

 private:
  Operand left_;
  Comparison op_;
  Operand right_;
};

class InList final : public Predicate {
 public:
  InList(Operand operand, std::vector<nlohmann::json> list)
      : operand_(std::move(operand)), list_(std::move(list)) {}
  bool matches(const nlohmann::json& event) const override {
    const auto& value = operand_.value_in(event);
    return std::any_of(list_.begin(), list_.end(),
                       [&](const auto& item) { return equal(value, item); });
  }

 private:
  Operand operand_;
  std::vector<nlohmann::json> list_;
};

class Contains final : public Predicate {
 public:
  Contains(Operand haystack, Operand needle)
      : haystack_(std::move(haystack)), needle_(std::move(needle)) {}
  bool matches(const nlohmann::json& event) const override {
    const auto& haystack = haystack_.value_in(event);
    const auto& needle = needle_.value_in(event);
    if (haystack.is_string() && needle.is_string())
      return haystack.get_ref<const std::string&>().find(needle.get_ref<const std::string&>()) !=
             std::string::npos;
    if (haystack.is_array())
      return std::any_of(haystack.begin(), haystack.end(),
                         [&](const auto& item) { return equal(item, needle); });
    return false;
  }

 private:
  Operand haystack_;
  Operand needle_;
};

class StartsWith final : public Predicate {
 public:
  StartsWith(Operand text, Operand prefix) : text_(std::move(text)), prefix_(std::move(prefix)) {}
  bool matches(const nlohmann::json& event) const override {
    const auto& text = text_.value_in(event);
    const auto& prefix = prefix_.value_in(event);
    return text.is_string() && prefix.is_string() &&
           text.get_ref<const std::string&>().starts_with(prefix.get_ref<const std::string&>());
  }

 private:
  Operand text_;
  Operand prefix_;
};

class Truthy final : public Predicate {
 public:
  explicit Truthy(Operand operand) : operand_(std::move(operand)) {}
  bool matches(const nlohmann::json& event) const override {
    const auto& value = operand_.value_in(event);
    if (value.is_boolean()) return value.get<bool>();
    if (value.is_number()) return value.get<double>() != 0;
    if (value.is_null()) return false;
    return !value.empty();  // string, array, object
  }

 private:
  Operand operand_;
};

}  // namespace

const nlohmann::json& Operand::value_in(const nlohmann::json& event) const {
  if (!path_) return literal_;
  const nlohmann::json* found = path_->find(event);
  return found != nullptr ? *found : kNull;
}

PredicatePtr make_any_of(std::vector<PredicatePtr> children) {
  return std::make_unique<AnyOf>(std::move(children));
}
PredicatePtr make_all_of(std::vector<PredicatePtr> children) {
  return std::make_unique<AllOf>(std::move(children));
}
PredicatePtr make_not(PredicatePtr child) { return std::make_unique<Not>(std::move(child)); }
PredicatePtr make_comparison(Operand left, Comparison op, Operand right) {
  return std::make_unique<Compare>(std::move(left), op, std::move(right));
}
PredicatePtr make_in_list(Operand operand, std::vector<nlohmann::json> list) {
  return std::make_unique<InList>(std::move(operand), std::move(list));
}
PredicatePtr make_contains(Operand haystack, Operand needle) {
  return std::make_unique<Contains>(std::move(haystack), std::move(needle));
}
PredicatePtr make_starts_with(Operand text, Operand prefix) {
  return std::make_unique<StartsWith>(std::move(text), std::move(prefix));
}
PredicatePtr make_truthy(Operand operand) { return std::make_unique<Truthy>(std::move(operand)); }

}  // namespace streamweaver::expression
