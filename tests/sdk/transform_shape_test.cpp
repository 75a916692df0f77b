// How the SDK reads a transform class's shape: whether it reads records as JSON text, and
// that a mistaken declaration of it is caught when the plugin is compiled.
#include <streamweaver/plugin.hpp>

#include <gtest/gtest.h>

using namespace streamweaver;

namespace {

struct ValueReader {
  explicit ValueReader(const Options&) {}
  Status process(Record, Emitter&) { return Status::ok(); }
};

struct TextReader : ValueReader {
  using ValueReader::ValueReader;
  static constexpr bool reads_json_text = true;
};

struct SaysItDoesNotReadText : ValueReader {
  using ValueReader::ValueReader;
  static constexpr bool reads_json_text = false;
};

// The mistakes: TransformAdapter<...> of these does not compile.
struct DeclaresAFunction : ValueReader {
  using ValueReader::ValueReader;
  bool reads_json_text() const { return true; }
};
struct DeclaresAMember : ValueReader {
  using ValueReader::ValueReader;
  bool reads_json_text = true;
};
struct DeclaresANonConstant : ValueReader {
  using ValueReader::ValueReader;
  static inline bool reads_json_text = true;
};

template <class T>
constexpr bool accepted = !NamesReadsJsonText<T> || DeclaresReadsJsonTextAsAConstant<T>;

static_assert(accepted<ValueReader> && accepted<TextReader> && accepted<SaysItDoesNotReadText>);
static_assert(!accepted<DeclaresAFunction> && !accepted<DeclaresAMember> && !accepted<DeclaresANonConstant>);

}  // namespace

TEST(TransformShape, OnlyAConstantTrueMakesATransformReadText) {
  Options none(nlohmann::json::object());
  EXPECT_TRUE(detail::TransformAdapter<TextReader>(none).reads_json_text());
  EXPECT_FALSE(detail::TransformAdapter<ValueReader>(none).reads_json_text());
  EXPECT_FALSE(detail::TransformAdapter<SaysItDoesNotReadText>(none).reads_json_text());
}
