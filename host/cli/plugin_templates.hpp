#pragma once
// The files `streamweaver new-plugin` writes, as text with placeholders:
//   @name@  the plugin name (my_ticker)       @Class@        its class name (MyTicker)
//   @NAME@  the name in upper case            @kind@         source or transform
//   @sdk_version@  the SDK version the project asks find_package for
#include <string_view>
#include <vector>

namespace streamweaver::cli {

struct TemplateFile {
  std::string_view path;  // relative to the project folder; placeholders allowed
  std::string_view text;
};

// The project for one plugin kind, "source" or "transform"; empty for any other kind.
std::vector<TemplateFile> plugin_project_templates(std::string_view kind);

}  // namespace streamweaver::cli
