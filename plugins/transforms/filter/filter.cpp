// filter: keeps the records for which a boolean expression over their fields holds.
#include <stdexcept>
#include <string>

#include <streamweaver/expression/parser.hpp>
#include <streamweaver/sdk.hpp>

namespace streamweaver::transforms::filter {
namespace {

class Filter {
 public:
  // Parsed once here; a bad expression fails the pipeline at start-up, not per record.
  explicit Filter(const Options& options)
      : predicate_(parse(options.get<std::string>("expression"))) {}

  static expression::PredicatePtr parse(const std::string& text) {
    try {
      return expression::parse_expression(text);
    } catch (const expression::SyntaxError& error) {
      throw std::invalid_argument("expression: " + expression::explain(error, text));
    }
  }

  Status process(Record in, Emitter& out) {
    if (predicate_->matches(in.value)) out.emit(std::move(in));
    return Status::ok();
  }

 private:
  expression::PredicatePtr predicate_;
};

}  // namespace
}  // namespace streamweaver::transforms::filter

// clang-format off
STREAMWEAVER_TRANSFORM_PLUGIN(streamweaver::transforms::filter::Filter, {
    .name = "filter",
    .version = "1.0.0",
    .description = "Keeps records matching an expression over their fields",
    .options = {
        {.name = "expression", .type = streamweaver::OptionType::string, .required = true,
         .description = "Boolean expression, e.g. status >= 500 and (path starts_with '/api' "
                        "or method in ['POST','PUT']). Operators: == != < <= > >= and or not "
                        "in contains starts_with, parentheses; fields a.b; literals: numbers, "
                        "'strings', true, false, null. A missing field is null"},
    },
})
// clang-format on
