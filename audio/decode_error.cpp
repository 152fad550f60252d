#include "audio/analysis.hpp"

#include <utility>

namespace loaxa::audio {

DecodeError::DecodeError(Kind kind, std::string detail)
    : std::runtime_error(detail), kind_(kind), detail_(std::move(detail)) {}

}  // namespace loaxa::audio
