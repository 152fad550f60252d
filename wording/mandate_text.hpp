#pragma once
// How district bulletins (mandates) read to an operator, in the operator's language: their
// states, levels, the mark `schedule upcoming` puts on their airings, and the refusals of
// station/mandates.hpp. Shared by the CLI and the console.

#include "schedules/mandate_terms.hpp"
#include "station/error.hpp"
#include "store/mandate_store.hpp"

#include <cstdint>
#include <string>

namespace loaxa::wording {

// "đang tải", "đã nhận", "đã từ chối", "không nhập được", "đã hủy"
std::string mandate_state_text(store::MandateState state);
// "[huyện #3]": an airing of mandate 3 in `schedule upcoming`.
std::string mandate_mark(std::int64_t mandate_id);
// The refusals of station/mandates.hpp (StationError kinds no_such_mandate … mandate_move_holiday);
// station_messages.cpp's describe() hands them here.
std::string describe_mandate_refusal(const station::StationError& error);

}  // namespace loaxa::wording
