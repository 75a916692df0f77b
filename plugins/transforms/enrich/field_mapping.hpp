#pragma once
// A `from -> to` table option (copy, rename), checked once: every value a string, every
// side a valid field path.
#include <string>
#include <utility>
#include <vector>

#include <streamweaver/options.hpp>

#include <streamweaver/field_path.hpp>
#include <streamweaver/option_checks.hpp>

namespace streamweaver::transforms {

struct FieldMapping {
  FieldPath from;
  FieldPath to;
};

inline std::vector<FieldMapping> read_field_mappings(const Options& options,
                                                     const std::string& name) {
  std::vector<FieldMapping> mappings;
  if (!options.has(name)) return mappings;
  for (const auto& [from, to] : options.json().at(name).items()) {
    if (!to.is_string())
      refuse_option(name, "maps '" + from + "' to a " + to.type_name() + "; expected a field name");
    FieldMapping mapping{FieldPath(from), FieldPath(to.get<std::string>())};
    if (!mapping.from.valid()) refuse_option(name, "has an invalid field name '" + from + "'");
    if (!mapping.to.valid())
      refuse_option(name, "has an invalid field name '" + to.get<std::string>() + "'");
    mappings.push_back(std::move(mapping));
  }
  return mappings;
}

}  // namespace streamweaver::transforms
