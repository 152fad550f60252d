#pragma once
// The Emergency page (khẩn cấp): choose an approved segment and how many times it airs,
// confirm on a second form that shows the choice, then air it. Pure views and the form's
// reading; the routes are in emergency_page.cpp.
//
// Pure but for tr(); the console thread.

#include "control/protocol.hpp"
#include "store/segment_store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace loaxa::console {

struct EmergencyChoice {
  std::int64_t segment = 0;
  int repeat = 1;  // 1…control::kMaxEmergencyRepeat
};

// The form's `segment` and `repeat` fields; the message a 400 carries when they are wrong.
std::variant<EmergencyChoice, std::string> parse_emergency_choice(std::string_view form_body);

struct EmergencyPageView {
  std::vector<store::Segment> approved;  // what may be chosen
  bool may_act = false;                  // an operator: the forms; a viewer only reads
  bool airing = false;                   // something is on air: the stop button
  std::string csrf_field;                // the frame's hidden token field
};

// The choice form (or, with no approved segment, the way to the Library page) and the stop button.
std::string emergency_choice_html(const EmergencyPageView& view);

// The operator's button that stops what is on air (POST /emergency/stop), on the Emergency
// page and on the Now page while something airs.
std::string stop_form_html(const std::string& csrf_field);

// "Air the emergency now?" with the segment and the count, and the form that airs it.
std::string emergency_confirm_html(const store::Segment& segment, int repeat, const std::string& csrf_field);

// The daemon's refusal of an emergency, in the operator's words (docs/CONTROL.md's reasons);
// an unknown reason falls back to the daemon's detail.
std::string emergency_refusal_text(std::int64_t segment, const control::Error& error);

}  // namespace loaxa::console
