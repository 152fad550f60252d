#include "schedules/catalogue.hpp"

#include <algorithm>

namespace loaxa::schedules {

namespace {
bool is_decimal(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
std::string_view strip_zeros(std::string_view s) noexcept {
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  return s;
}
}  // namespace

bool segment_id_less(std::string_view a, std::string_view b) noexcept {
  if (is_decimal(a) && is_decimal(b)) {
    const auto x = strip_zeros(a), y = strip_zeros(b);
    if (x.size() != y.size()) return x.size() < y.size();
    if (x != y) return x < y;
  }
  return a < b;
}

Catalogue::Catalogue(std::vector<SegmentInfo> segments) : segments_(std::move(segments)) {
  for (std::size_t i = 0; i < segments_.size(); ++i) by_id_.emplace(segments_[i].id, i);
  for (const auto& s : segments_) by_category_[s.category].push_back(&s);
  for (auto& [category, list] : by_category_)
    std::sort(list.begin(), list.end(),
              [](const SegmentInfo* a, const SegmentInfo* b) { return segment_id_less(a->id, b->id); });
}

const SegmentInfo* Catalogue::find(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &segments_[it->second];
}

const std::vector<const SegmentInfo*>& Catalogue::in_category(std::string_view category) const {
  const auto it = by_category_.find(category);
  return it == by_category_.end() ? none_ : it->second;
}

}  // namespace loaxa::schedules
