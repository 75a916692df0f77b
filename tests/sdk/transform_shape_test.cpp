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

// The mistakes: TransformAdapter<...> of these does not compile (misdeclared_transform.cpp
// shows it with the compiler's message).
struct DeclaresAFunction : ValueReader {
  using ValueReader::ValueReader;
  bool reads_json_text() const { return true; }
};
struct DeclaresAMember : ValueReader {
  using ValueReader::ValueReader;
  bool reads_json_text = true;
};
struct DeclaresAConstMember : ValueReader {
  using ValueReader::ValueReader;
  const bool reads_json_text = true;
};
struct DeclaresANonConstant : ValueReader {
  using ValueReader::ValueReader;
  static inline bool reads_json_text = true;
};

static_assert(!MisdeclaresReadsJsonText<ValueReader> && !MisdeclaresReadsJsonText<TextReader> &&
              !MisdeclaresReadsJsonText<SaysItDoesNotReadText>);
static_assert(MisdeclaresReadsJsonText<DeclaresAFunction> && MisdeclaresReadsJsonText<DeclaresAMember> &&
              MisdeclaresReadsJsonText<DeclaresAConstMember> && MisdeclaresReadsJsonText<DeclaresANonConstant>);

}  // namespace

TEST(TransformShape, OnlyAConstantTrueMakesATransformReadText) {
  Options none(nlohmann::json::object());
  EXPECT_TRUE(detail::TransformAdapter<TextReader>(none).reads_json_text());
  EXPECT_FALSE(detail::TransformAdapter<ValueReader>(none).reads_json_text());
  EXPECT_FALSE(detail::TransformAdapter<SaysItDoesNotReadText>(none).reads_json_text());
}
