#include "position_store.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace streamweaver::sources::file {
namespace {

std::string fingerprint(const std::vector<std::string>& patterns) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (const auto& p : patterns)
    for (unsigned char c : p + '\n') hash = (hash ^ c) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace

PositionStore::PositionStore(const std::string& state_dir, const std::vector<std::string>& patterns)
    : dir_(state_dir),
      file_(state_dir.empty() ? "" : (std::filesystem::path(state_dir) / ("file-" + fingerprint(patterns) + ".json")).string()) {}

Positions PositionStore::load() const {
  Positions positions;
  if (file_.empty()) return positions;
  std::ifstream in(file_);
  if (!in) return positions;
  auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.contains("files") || !json["files"].is_object())
    throw std::runtime_error("position file " + file_ + " is not what this source writes; move it away to start afresh");
  for (const auto& [path, entry] : json["files"].items())
    positions[path] = {.id = {entry.at("device").get<std::uint64_t>(), entry.at("inode").get<std::uint64_t>()},
                       .offset = entry.at("offset").get<std::uint64_t>()};
  return positions;
}

void PositionStore::save(const Positions& positions) const {
  if (file_.empty()) return;
  auto files = nlohmann::json::object();
  for (const auto& [path, p] : positions)
    files[path] = {{"device", p.id.device}, {"inode", p.id.inode}, {"offset", p.offset}};
  std::filesystem::create_directories(dir_);
  auto temporary = file_ + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << nlohmann::json{{"files", files}}.dump() << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, file_);
}

}  // namespace streamweaver::sources::file
