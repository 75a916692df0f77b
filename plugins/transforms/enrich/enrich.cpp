// enrich: adds fields to each record: copies and renames, static values, the processing
// time and the host instance that processed it.
#include <unistd.h>

#include <chrono>
#include <climits>
#include <string>
#include <vector>

#include <streamweaver/sdk.hpp>

#include <streamweaver/field_path.hpp>
#include <streamweaver/option_checks.hpp>
#include "field_mapping.hpp"

namespace streamweaver::transforms {
namespace {

std::string host_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

std::int64_t now_micros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

FieldPath field_option(const Options& options, const std::string& name) {
  FieldPath path(options.get<std::string>(name));
  if (!path.valid()) refuse_option(name, "is not a valid field name");
  return path;
}

class Enrich {
 public:
  explicit Enrich(const Options& options)
      : copies_(read_field_mappings(options, "copy")),
        renames_(read_field_mappings(options, "rename")),
        add_processed_at_(options.get<bool>("add_processed_at")),
        processed_at_field_(field_option(options, "processed_at_field")),
        host_field_(field_option(options, "host_field")) {
    if (options.has("set")) {
      for (const auto& [field, value] : options.json().at("set").items()) {
        FieldPath path(field);
        if (!path.valid()) refuse_option("set", "has an invalid field name '" + field + "'");
        sets_.emplace_back(std::move(path), value);
      }
    }
    if (options.get<bool>("add_host")) host_ = host_name();  // once: it does not change
  }

  // Order: copy, rename, set, then processed_at and host; so `set` can overwrite a renamed
  // field, and a copy still sees the field before it is renamed away.
  Status process(Record in, Emitter& out) {
    if (!in.value.is_object()) return Status::rejected("value is not a JSON object");
    for (const auto& copy : copies_) {
      if (const auto* found = copy.from.find(in.value)) {
        if (!copy.to.assign(in.value, *found)) return cannot_set(copy.to);
      }
    }
    for (const auto& rename : renames_) {
      if (const auto* found = rename.from.find(in.value)) {
        nlohmann::json moved = *found;
        rename.from.erase(in.value);
        if (!rename.to.assign(in.value, std::move(moved))) return cannot_set(rename.to);
      }
    }
    for (const auto& [path, value] : sets_)
      if (!path.assign(in.value, value)) return cannot_set(path);
    if (add_processed_at_ && !processed_at_field_.assign(in.value, iso8601_utc(now_micros())))
      return cannot_set(processed_at_field_);
    if (!host_.empty() && !host_field_.assign(in.value, host_)) return cannot_set(host_field_);
    out.emit(std::move(in));
    return Status::ok();
  }

 private:
  static Status cannot_set(const FieldPath& path) {
    return Status::rejected("cannot set '" + path.text() + "': a parent field is not an object");
  }

  std::vector<FieldMapping> copies_;
  std::vector<FieldMapping> renames_;
  std::vector<std::pair<FieldPath, nlohmann::json>> sets_;
  bool add_processed_at_;
  FieldPath processed_at_field_;
  FieldPath host_field_;
  std::string host_;  // empty: add_host is off
};

}  // namespace
}  // namespace streamweaver::transforms

using streamweaver::OptionType;

// clang-format off
STREAMWEAVER_TRANSFORM_PLUGIN(streamweaver::transforms::Enrich, {
    .name = "enrich",
    .version = "1.0.0",
    .description = "Adds fields: copies, renames, static values, processing time, host name",
    .options = {
        {.name = "copy", .type = OptionType::table,
         .description = "Fields to copy, from = \"to\" (dotted paths allowed); a missing "
                        "source field is skipped"},
        {.name = "rename", .type = OptionType::table,
         .description = "Fields to rename, from = \"to\" (dotted paths allowed); applied "
                        "after copy; a missing source field is skipped"},
        {.name = "set", .type = OptionType::table,
         .description = "Static fields to set, field = value (any TOML value); applied after "
                        "rename and overwrites"},
        {.name = "add_processed_at", .type = OptionType::boolean, .default_value = false,
         .description = "Add the processing time (ISO-8601 UTC) as processed_at_field"},
        {.name = "processed_at_field", .type = OptionType::string,
         .default_value = "processed_at", .description = "Field for the processing time"},
        {.name = "add_host", .type = OptionType::boolean, .default_value = false,
         .description = "Add the name of the machine running this host instance as host_field"},
        {.name = "host_field", .type = OptionType::string, .default_value = "processed_by",
         .description = "Field for the host name (not \"host\": server logs use that for "
                        "their origin)"},
    },
})
// clang-format on
