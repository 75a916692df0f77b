#pragma once
// Which group a record belongs to: the value of a `by` field, or the record key when no
// field is configured. Aggregating transforms keep one state per group.
#include <optional>
#include <string>

#include <streamweaver/record.hpp>

#include <streamweaver/field_path.hpp>
#include <streamweaver/json/fields.hpp>

namespace streamweaver::transforms {

class GroupBy {
 public:
  // `field` empty: group by the record key.
  explicit GroupBy(const std::string& field) {
    if (!field.empty()) field_ = FieldPath(field);
  }

  bool valid() const { return !field_ || field_->valid(); }
  // What the group is called in output records: the field's last segment, or "key".
  std::string output_name() const { return field_ ? field_->leaf() : "key"; }
  std::string describe() const { return field_ ? "field '" + field_->text() + "'" : "record key"; }

  // The group of `record`; nullopt when the field is missing, null or not a scalar.
  std::optional<std::string> of(const Record& record) const {
    if (!field_) return record.key;
    const nlohmann::json* value = field_->find(record.value);
    return value == nullptr ? std::nullopt : scalar_text(*value);
  }
  // The same, for a record read through `fields`.
  std::optional<std::string> of(const Record& record, const JsonFields& fields) const {
    return field_ ? fields.scalar(*field_) : record.key;
  }

 private:
  std::optional<FieldPath> field_;
};

}  // namespace streamweaver::transforms
