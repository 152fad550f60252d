#include "schedules/programme.hpp"
#include "common/i18n.hpp"

#include <cctype>

#include "schedules/duration_text.hpp"
#include "schedules/error.hpp"

namespace loaxa::schedules {

namespace {

// Ids, categories and sources: letters, digits, '_', '-', '.'; no ':' or spaces.
bool is_name(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == '-' || c == '.' || u >= 0x80)) return false;
  }
  return true;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto p = text.find(sep);
    parts.push_back(text.substr(0, p));
    if (p == std::string_view::npos) return parts;
    text.remove_prefix(p + 1);
  }
}

}  // namespace

ProgrammeItem parse_programme_item(std::string_view text) {
  const auto fail = [&](const std::string& why) {
    return ScheduleError(ScheduleError::Kind::bad_item, std::string(text), why);
  };
  const auto parts = split(text, ':');
  const std::string_view kind = parts[0];
  ProgrammeItem item;
  if (kind == "segment" || kind == "jingle") {
    if (parts.size() != 2) throw fail(trf("expected {}:ID", kind));
    if (!is_name(parts[1])) throw fail(tr("bad segment id"));
    item.kind = kind == "segment" ? ItemKind::segment : ItemKind::jingle;
    item.segment_id = std::string(parts[1]);
  } else if (kind == "rotate") {
    if (parts.size() != 3) throw fail(tr("expected rotate:CATEGORY:N"));
    if (!is_name(parts[1])) throw fail(tr("bad category"));
    const std::string_view n = parts[2];
    if (n.empty() || n.size() > 2 || !std::isdigit(static_cast<unsigned char>(n[0])) ||
        (n.size() == 2 && !std::isdigit(static_cast<unsigned char>(n[1]))))
      throw fail(tr("N must be a number from 1 to 99"));
    item.count = std::stoi(std::string(n));
    if (item.count < 1) throw fail(tr("N must be a number from 1 to 99"));
    item.kind = ItemKind::rotate;
    item.category = std::string(parts[1]);
  } else if (kind == "relay") {
    if (parts.size() != 3) throw fail(tr("expected relay:SOURCE:DURATION"));
    if (!is_name(parts[1])) throw fail(tr("bad source"));
    item.kind = ItemKind::relay;
    item.source = std::string(parts[1]);
    item.duration = parse_duration(parts[2]);  // its own error names the duration
  } else {
    throw fail(tr("kind must be segment, jingle, rotate or relay"));
  }
  return item;
}

std::vector<ProgrammeItem> parse_programme_items(std::string_view text) {
  std::vector<ProgrammeItem> items;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    std::size_t end = pos;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end > pos) items.push_back(parse_programme_item(text.substr(pos, end - pos)));
    pos = end;
  }
  return items;
}

std::string format_programme_item(const ProgrammeItem& item) {
  switch (item.kind) {
    case ItemKind::segment:
      return "segment:" + item.segment_id;
    case ItemKind::jingle:
      return "jingle:" + item.segment_id;
    case ItemKind::rotate:
      return "rotate:" + item.category + ":" + std::to_string(item.count);
    case ItemKind::relay:
      return "relay:" + item.source + ":" + format_duration(item.duration);
  }
  return {};
}

const char* to_string(ItemKind kind) noexcept {
  switch (kind) {
    case ItemKind::segment:
      return "segment";
    case ItemKind::jingle:
      return "jingle";
    case ItemKind::rotate:
      return "rotate";
    case ItemKind::relay:
      return "relay";
  }
  return "unknown";
}

}  // namespace loaxa::schedules
