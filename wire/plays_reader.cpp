#include "wire/plays_reader.hpp"

#include "wire/json_fields.hpp"
#include "wire/signing.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace loaxa::wire {
namespace {

// A value the reader took: text, a plain non-negative integer, or null.
struct Value {
  enum class Kind { text, integer, null } kind = Kind::null;
  std::string text;
  std::int64_t integer = 0;
};

// The reader's position in the body. Each method returns false when the body is not in the
// form it reads (the caller then gives up: the DOM decides).
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  void skip_space() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++at_;
    }
  }
  bool take(char c) {
    skip_space();
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  // The next non-space character, not taken ('\0' at the end).
  char peek() {
    skip_space();
    return at_ < text_.size() ? text_[at_] : '\0';
  }
  bool at_end() {
    skip_space();
    return at_ == text_.size();
  }

  // A JSON string, decoded as nlohmann decodes it: UTF-8 well-formed as RFC 3629 says (what
  // nlohmann's lexer accepts), the short escapes; \u escapes are left to the DOM.
  bool string(std::string& out) {
    if (!take('"')) return false;
    out.clear();
    while (at_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c == '\\') {
        if (at_ + 1 >= text_.size()) return false;
        const char e = text_[at_ + 1];
        char decoded = 0;
        switch (e) {
          case '"':
            decoded = '"';
            break;
          case '\\':
            decoded = '\\';
            break;
          case '/':
            decoded = '/';
            break;
          case 'b':
            decoded = '\b';
            break;
          case 'f':
            decoded = '\f';
            break;
          case 'n':
            decoded = '\n';
            break;
          case 'r':
            decoded = '\r';
            break;
          case 't':
            decoded = '\t';
            break;
          default:
            return false;  // \u, or not an escape
        }
        out += decoded;
        at_ += 2;
        continue;
      }
      if (c < 0x20) return false;  // a control character must be escaped
      if (c < 0x80) {
        // A run of plain ASCII at once.
        std::size_t end = at_ + 1;
        while (end < text_.size()) {
          const auto d = static_cast<unsigned char>(text_[end]);
          if (d == '"' || d == '\\' || d < 0x20 || d >= 0x80) break;
          ++end;
        }
        out.append(text_.data() + at_, end - at_);
        at_ = end;
        continue;
      }
      const std::size_t length = utf8_length(at_);
      if (length == 0) return false;
      out.append(text_.data() + at_, length);
      at_ += length;
    }
    return false;  // no closing quote
  }

  // A plain non-negative integer (no sign, fraction or exponent, at most 18 digits), or null.
  bool integer_or_null(Value& out) {
    skip_space();
    if (text_.substr(at_, 4) == "null") {
      at_ += 4;
      out.kind = Value::Kind::null;
      return ends_value();
    }
    std::size_t digits = 0;
    std::int64_t value = 0;
    while (at_ + digits < text_.size() && text_[at_ + digits] >= '0' && text_[at_ + digits] <= '9') {
      value = value * 10 + (text_[at_ + digits] - '0');
      if (++digits > 18) return false;
    }
    if (digits == 0 || (digits > 1 && text_[at_] == '0')) return false;
    at_ += digits;
    out.kind = Value::Kind::integer;
    out.integer = value;
    return ends_value();
  }

  bool text_or_null(Value& out) {
    skip_space();
    if (text_.substr(at_, 4) == "null") {
      at_ += 4;
      out.kind = Value::Kind::null;
      return ends_value();
    }
    out.kind = Value::Kind::text;
    return string(out.text);
  }

 private:
  // After a number or a literal, the next character must end it ("nullx", "12.5" are not ours).
  bool ends_value() const {
    if (at_ == text_.size()) return true;
    const char c = text_[at_];
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  // The length of the well-formed UTF-8 sequence at `at`, else 0 (RFC 3629, table 3-7).
  std::size_t utf8_length(std::size_t at) const {
    const auto byte = [&](std::size_t i) -> int {
      return at + i < text_.size() ? static_cast<unsigned char>(text_[at + i]) : -1;
    };
    const auto in = [](int b, int low, int high) { return b >= low && b <= high; };
    const int b0 = byte(0);
    if (in(b0, 0xC2, 0xDF)) return in(byte(1), 0x80, 0xBF) ? 2 : 0;
    if (b0 == 0xE0) return in(byte(1), 0xA0, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    if (in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) return in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    if (b0 == 0xED) return in(byte(1), 0x80, 0x9F) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    if (b0 == 0xF0) {
      return in(byte(1), 0x90, 0xBF) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    }
    if (in(b0, 0xF1, 0xF3)) {
      return in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    }
    if (b0 == 0xF4) {
      return in(byte(1), 0x80, 0x8F) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

// A row's fields, in play_to_json's order (the order play_from_value reads them in).
enum Field : std::size_t {
  seq,
  occurrence,
  programme_id,
  programme_name,
  position,
  segment_id,
  segment_sha256,
  category,
  title,
  level,
  scheduled_start,
  started_at,
  ended_at,
  frames,
  underruns,
  status,
  reason,
  hash,
  field_count
};

constexpr std::array<std::string_view, field_count> kNames{
    "seq",    "occurrence", "programme_id",    "programme_name", "position", "segment_id", "segment_sha256", "category",
    "title",  "level",      "scheduled_start", "started_at",     "ended_at", "frames",     "underruns",      "status",
    "reason", "hash"};

// What each field may be: text, an integer, and whether null is allowed.
enum class Shape { text, text_or_null, integer, integer_or_null };
constexpr std::array<Shape, field_count> kShapes{Shape::integer,      Shape::text,         Shape::integer_or_null,
                                                 Shape::text,         Shape::integer,      Shape::integer_or_null,
                                                 Shape::text_or_null, Shape::text,         Shape::text,
                                                 Shape::text,         Shape::text_or_null, Shape::text_or_null,
                                                 Shape::text_or_null, Shape::integer,      Shape::integer,
                                                 Shape::text,         Shape::text_or_null, Shape::text};

std::optional<std::size_t> field_of(std::string_view name) {
  for (std::size_t i = 0; i < field_count; ++i) {
    if (kNames[i] == name) return i;
  }
  return std::nullopt;
}

std::optional<std::int64_t> optional_integer(const Value& v) {
  if (v.kind == Value::Kind::null) return std::nullopt;
  return v.integer;
}

// An instant field as optional_instant reads it; false when the text is not canonical.
bool instant(const Value& v, std::optional<schedules::UtcTime>& out) {
  if (v.kind == Value::Kind::null) return true;
  out = canonical_instant(v.text);
  return out.has_value();
}

// The checks of play_from_value (play_json.cpp), on values of the right shape; false where it
// would refuse the row.
bool build_play(std::array<Value, field_count>& v, store::Play& play) {
  if (v[seq].integer < 1) return false;
  play.seq = v[seq].integer;
  auto key = parse_occurrence(v[occurrence].text);
  if (!key) return false;
  play.item.occurrence = std::move(*key);
  play.item.programme_id = optional_integer(v[programme_id]);
  play.item.programme_name = std::move(v[programme_name].text);
  if (v[position].integer > 1'000'000) return false;
  play.item.position = static_cast<int>(v[position].integer);
  play.item.segment_id = optional_integer(v[segment_id]);
  if (v[segment_sha256].kind == Value::Kind::text) play.item.segment_sha256 = std::move(v[segment_sha256].text);
  if (!play.item.segment_sha256.empty() && !is_lower_hex(play.item.segment_sha256, 64)) return false;
  play.item.category = std::move(v[category].text);
  play.item.title = std::move(v[title].text);
  const auto parsed_level = store::play_level_from(v[level].text);
  if (!parsed_level) return false;
  play.item.level = *parsed_level;
  if (!instant(v[scheduled_start], play.item.scheduled_start) || !instant(v[started_at], play.started_at) ||
      !instant(v[ended_at], play.ended_at)) {
    return false;
  }
  play.frames = v[frames].integer;
  play.underruns = v[underruns].integer;
  const auto parsed_status = store::play_status_from(v[status].text);
  if (!parsed_status || *parsed_status == store::PlayStatus::playing) return false;
  play.status = *parsed_status;
  if (v[reason].kind == Value::Kind::text) play.reason = std::move(v[reason].text);
  play.hash = std::move(v[hash].text);
  if (!is_lower_hex(play.hash, 64)) return false;
  if (play.started_at && play.ended_at && *play.ended_at < *play.started_at) return false;
  if (!play.ended_at) return false;
  const bool never_started = play.status == store::PlayStatus::skipped || play.status == store::PlayStatus::missed;
  return never_started != play.started_at.has_value();
}

bool read_row(Cursor& in, std::string& name, store::Play& play) {
  if (!in.take('{')) return false;
  std::array<Value, field_count> values;
  std::array<bool, field_count> seen{};
  for (std::size_t n = 0; n < field_count; ++n) {
    if (n > 0 && !in.take(',')) return false;
    if (!in.string(name)) return false;
    const auto field = field_of(name);
    if (!field || seen[*field]) return false;  // unknown or twice: the DOM says which
    seen[*field] = true;
    if (!in.take(':')) return false;
    auto& value = values[*field];
    switch (kShapes[*field]) {
      case Shape::text:
        if (!in.text_or_null(value) || value.kind != Value::Kind::text) return false;
        break;
      case Shape::text_or_null:
        if (!in.text_or_null(value)) return false;
        break;
      case Shape::integer:
        if (!in.integer_or_null(value) || value.kind != Value::Kind::integer) return false;
        break;
      case Shape::integer_or_null:
        if (!in.integer_or_null(value)) return false;
        break;
    }
  }
  return in.take('}') && build_play(values, play);
}

bool read_rows(Cursor& in, std::size_t max_plays, std::vector<store::Play>& rows) {
  if (!in.take('[')) return false;
  std::string name;
  if (in.peek() == ']') return in.take(']');
  std::int64_t previous_seq = 0;
  for (;;) {
    if (rows.size() == max_plays) return false;
    store::Play play;
    if (!read_row(in, name, play) || *play.seq <= previous_seq) return false;
    previous_seq = *play.seq;
    rows.push_back(std::move(play));
    if (in.take(']')) return true;
    if (!in.take(',')) return false;
  }
}

}  // namespace

std::optional<PlaysRead> read_plays(std::string_view body, std::size_t max_plays) {
  Cursor in(body);
  PlaysRead out;
  out.rows.reserve(std::min<std::size_t>(max_plays, 1024));
  if (!in.take('{')) return std::nullopt;
  bool station_seen = false;
  bool plays_seen = false;
  std::string name;
  for (int n = 0; n < 2; ++n) {
    if (n > 0 && !in.take(',')) return std::nullopt;
    if (!in.string(name) || !in.take(':')) return std::nullopt;
    if (name == "station_id" && !station_seen) {
      station_seen = true;
      if (!in.string(out.station_id)) return std::nullopt;
    } else if (name == "plays" && !plays_seen) {
      plays_seen = true;
      if (!read_rows(in, max_plays, out.rows)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (!in.take('}') || !in.at_end()) return std::nullopt;
  return out;
}

}  // namespace loaxa::wire
