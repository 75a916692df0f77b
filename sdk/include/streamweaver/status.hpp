#pragma once
#include <string>
#include <utility>

namespace streamweaver {

// How a plugin call went. Plugins report failure with a Status, never with an exception
// across the library boundary (the SDK's adapters turn exceptions into Status::error).
class Status {
 public:
  enum class Code {
    ok,        // done; for a source: `out` holds a record
    idle,      // source only: nothing to emit right now, ask again later
    end,       // source only: finished for good
    rejected,  // transform only: this record cannot be handled; it goes to the dead-letter topic
    error,     // something failed; the host logs it, counts it and goes on
  };

  static Status ok() { return Status(Code::ok, {}); }
  static Status idle() { return Status(Code::idle, {}); }
  static Status end() { return Status(Code::end, {}); }
  static Status rejected(std::string why) { return Status(Code::rejected, std::move(why)); }
  static Status error(std::string why) { return Status(Code::error, std::move(why)); }

  Code code() const { return code_; }
  bool is_ok() const { return code_ == Code::ok; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_;
  std::string message_;
};

}  // namespace streamweaver
