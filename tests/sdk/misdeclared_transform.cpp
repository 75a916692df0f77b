// Must not compile: a transform that declares reads_json_text as a function would silently
// get values. The sdk_refuses_misdeclared_transform test compiles this file and expects the
// SDK's message.
#include <streamweaver/plugin.hpp>

namespace {

class ReadsTextItThinks {
 public:
  explicit ReadsTextItThinks(const streamweaver::Options&) {}
  bool reads_json_text() const { return true; }
  streamweaver::Status process(streamweaver::Record, streamweaver::Emitter&) { return streamweaver::Status::ok(); }
};

}  // namespace

STREAMWEAVER_TRANSFORM_PLUGIN(ReadsTextItThinks, {.name = "reads_text_it_thinks"})
