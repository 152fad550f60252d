#include "schedules/programme_plan.hpp"

#include <algorithm>

#include "schedules/error.hpp"

namespace loaxa::schedules {

const char* to_string(SkipReason reason) noexcept {
  switch (reason) {
    case SkipReason::unknown_segment:
      return "unknown_segment";
    case SkipReason::not_approved:
      return "not_approved";
    case SkipReason::not_yet_valid:
      return "not_yet_valid";
    case SkipReason::expired:
      return "expired";
    case SkipReason::rotation_short:
      return "rotation_short";
  }
  return "unknown";
}

const char* to_string(ProgrammeWarning::Kind kind) noexcept {
  using K = ProgrammeWarning::Kind;
  switch (kind) {
    case K::empty_programme:
      return "empty_programme";
    case K::unknown_segment:
      return "unknown_segment";
    case K::not_approved:
      return "not_approved";
    case K::not_yet_valid:
      return "not_yet_valid";
    case K::expired:
      return "expired";
    case K::rotation_short:
      return "rotation_short";
  }
  return "unknown";
}

std::optional<UtcTime> RotationState::last_aired(const SegmentInfo& segment, UtcTime before) const {
  std::optional<UtcTime> history = segment.last_aired;
  if (history && *history >= before) history.reset();
  const auto it = planned_.find(segment.id);
  if (it == planned_.end()) return history;
  if (!history) return it->second;
  return std::max(it->second, *history);
}

void RotationState::mark_planned(const std::string& segment_id, UtcTime at) {
  auto [it, inserted] = planned_.try_emplace(segment_id, at);
  if (!inserted && it->second < at) it->second = at;
}

std::optional<SkipReason> ineligibility(const SegmentInfo& segment, LocalDate date) noexcept {
  if (!segment.approved) return SkipReason::not_approved;
  if (segment.valid_from && date < *segment.valid_from) return SkipReason::not_yet_valid;
  if (segment.valid_until && date > *segment.valid_until) return SkipReason::expired;
  return std::nullopt;
}

namespace {

PlannedItem from_segment(ItemKind kind, const SegmentInfo& s) {
  PlannedItem item;
  item.kind = kind;
  item.segment_id = s.id;
  item.title = s.title;
  item.category = s.category;
  item.planned_ms = s.duration_ms;
  return item;
}

// Rule P3: eligible segments of the category, never aired first, then least recently
// aired, ties by id; a segment already in this airing (`out` so far) is not repeated.
void plan_rotation(const ProgrammeItem& rotate, const Catalogue& catalogue, LocalDate date, UtcTime start,
                   const RotationState& rotation, std::vector<PlannedItem>& out) {
  struct Candidate {
    const SegmentInfo* segment;
    std::optional<UtcTime> last;
  };
  std::vector<Candidate> candidates;
  for (const SegmentInfo* s : catalogue.in_category(rotate.category)) {
    if (ineligibility(*s, date)) continue;
    const bool in_this_airing =
        std::any_of(out.begin(), out.end(), [&](const PlannedItem& p) { return !p.skipped && p.segment_id == s->id; });
    if (!in_this_airing) candidates.push_back({s, rotation.last_aired(*s, start)});
  }
  const auto count = static_cast<std::size_t>(rotate.count);
  const auto take = std::min(count, candidates.size());
  // in_category is already in id order, so a stable order on the time alone breaks ties by id.
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.last < b.last;  // nullopt (never aired) sorts first
  });
  for (std::size_t i = 0; i < take; ++i) out.push_back(from_segment(ItemKind::rotate, *candidates[i].segment));
  if (take < count) {
    PlannedItem short_item;
    short_item.kind = ItemKind::rotate;
    short_item.category = rotate.category;
    short_item.title = rotate.category;
    short_item.skipped = SkipReason::rotation_short;
    short_item.missing = static_cast<int>(count - take);
    out.push_back(std::move(short_item));
  }
}

}  // namespace

std::vector<PlannedItem> plan_programme(const Programme& programme, const Catalogue& catalogue, LocalDate date,
                                        UtcTime start, RotationState& rotation) {
  std::vector<PlannedItem> out;
  out.reserve(programme.items.size() + 4);
  for (const ProgrammeItem& item : programme.items) {
    switch (item.kind) {
      case ItemKind::segment:
      case ItemKind::jingle: {
        const SegmentInfo* s = catalogue.find(item.segment_id);
        if (s == nullptr) {
          PlannedItem missing;
          missing.kind = item.kind;
          missing.segment_id = item.segment_id;
          missing.skipped = SkipReason::unknown_segment;
          out.push_back(std::move(missing));
          break;
        }
        PlannedItem planned = from_segment(item.kind, *s);
        if (const auto why = ineligibility(*s, date)) {
          planned.skipped = why;
          planned.planned_ms = 0;
        }
        out.push_back(std::move(planned));
        break;
      }
      case ItemKind::rotate:
        plan_rotation(item, catalogue, date, start, rotation, out);
        break;
      case ItemKind::relay: {
        PlannedItem relay;
        relay.kind = ItemKind::relay;
        relay.title = item.source;
        relay.planned_ms = std::chrono::milliseconds{item.duration}.count();
        out.push_back(std::move(relay));
        break;
      }
    }
  }
  for (const PlannedItem& p : out)
    if (!p.skipped && !p.segment_id.empty()) rotation.mark_planned(p.segment_id, start);
  return out;
}

std::int64_t total_ms(const std::vector<PlannedItem>& items) noexcept {
  std::int64_t total = 0;
  for (const PlannedItem& p : items) total += p.planned_ms;
  return total;
}

std::int64_t planned_length_ms(const Programme& programme, const Catalogue& catalogue, LocalDate date, UtcTime start) {
  RotationState fresh;
  return total_ms(plan_programme(programme, catalogue, date, start, fresh));
}

void check_programme_length(std::string_view name, std::int64_t planned_ms, int max_session_minutes) {
  const std::int64_t cap_ms = std::int64_t{max_session_minutes} * 60'000;
  if (max_session_minutes > 0 && planned_ms > cap_ms)
    throw ScheduleError(ScheduleError::Kind::programme_too_long, std::string(name),
                        "planned length exceeds max_session_minutes", planned_ms, cap_ms);
}

std::vector<ProgrammeWarning> validate_programme(const Programme& programme, const Catalogue& catalogue,
                                                 LocalDate date) {
  using K = ProgrammeWarning::Kind;
  std::vector<ProgrammeWarning> warnings;
  if (programme.items.empty()) warnings.push_back({K::empty_programme, 0, programme.name, 0, 0});
  for (std::size_t i = 0; i < programme.items.size(); ++i) {
    const ProgrammeItem& item = programme.items[i];
    if (item.kind == ItemKind::segment || item.kind == ItemKind::jingle) {
      const SegmentInfo* s = catalogue.find(item.segment_id);
      if (s == nullptr) {
        warnings.push_back({K::unknown_segment, i, item.segment_id, 0, 0});
        continue;
      }
      if (const auto why = ineligibility(*s, date)) {
        const K kind = *why == SkipReason::not_approved    ? K::not_approved
                       : *why == SkipReason::not_yet_valid ? K::not_yet_valid
                                                           : K::expired;
        warnings.push_back({kind, i, item.segment_id, 0, 0});
      }
    } else if (item.kind == ItemKind::rotate) {
      const auto& all = catalogue.in_category(item.category);
      const auto eligible =
          std::count_if(all.begin(), all.end(), [&](const SegmentInfo* s) { return !ineligibility(*s, date); });
      if (eligible < item.count)
        warnings.push_back({K::rotation_short, i, item.category, static_cast<int>(eligible), item.count});
    }
  }
  return warnings;
}

std::int64_t longest_length_ms(const Programme& programme, const Catalogue& catalogue) {
  std::int64_t bound = 0;
  for (const ProgrammeItem& item : programme.items) {
    switch (item.kind) {
      case ItemKind::segment:
      case ItemKind::jingle:
        if (const SegmentInfo* s = catalogue.find(item.segment_id)) bound += s->duration_ms;
        break;
      case ItemKind::rotate: {
        std::vector<std::int64_t> lengths;
        for (const SegmentInfo* s : catalogue.in_category(item.category)) lengths.push_back(s->duration_ms);
        std::sort(lengths.rbegin(), lengths.rend());
        for (std::size_t i = 0; i < lengths.size() && i < static_cast<std::size_t>(item.count); ++i)
          bound += lengths[i];
        break;
      }
      case ItemKind::relay:
        bound += std::chrono::milliseconds{item.duration}.count();
        break;
    }
  }
  return bound;
}

}  // namespace loaxa::schedules
