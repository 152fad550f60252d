#pragma once
// A play's status as operators and the district office read it (Vietnamese by default:
// "đã phát (hoàn tất)", "bỏ lỡ", …), the one wording for the station's log and the hub's
// listings. Call after select_language().

#include "store/play_store.hpp"

#include <string>

namespace loaxa::store {

std::string play_status_words(PlayStatus status);

}  // namespace loaxa::store
