#pragma once
// Operator wording for the schedules library's errors, warnings and states.

#include "schedules/error.hpp"
#include "schedules/programme_plan.hpp"
#include "schedules/slot.hpp"
#include "schedules/timeline.hpp"
#include "station/slots.hpp"

#include <string>

namespace loaxa::wording {

std::string describe(const schedules::ScheduleError& error);
std::string describe(const schedules::ProgrammeWarning& warning);
std::string describe(const station::SlotNotice& notice);
std::string describe(schedules::SkipReason reason);
std::string describe(schedules::DropReason reason);
std::string level_text(schedules::SlotLevel level);           // thông thường / ưu tiên
std::string status_text(schedules::OccurrenceStatus status);  // theo lịch / bị dời / bị bỏ
std::string item_kind_text(schedules::ItemKind kind);

}  // namespace loaxa::wording
