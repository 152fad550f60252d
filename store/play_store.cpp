#include "store/play_store.hpp"

#include "common/sha256.hpp"
#include "store/transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>

namespace loaxa::store {
namespace {

constexpr std::array kStatuses{PlayStatus::playing, PlayStatus::completed, PlayStatus::interrupted,
                               PlayStatus::failed,  PlayStatus::skipped,   PlayStatus::missed};
constexpr std::array kLevels{PlayLevel::normal, PlayLevel::priority, PlayLevel::emergency};

constexpr const char* kColumns =
    "id, slot_id, nominal_start_utc, manual_key, programme_id, programme_name, position, segment_id, "
    "segment_sha256, category, title, level, scheduled_start_utc, started_at, progress_at, ended_at, frames, "
    "underruns, status, reason, seq, hash, heard_pct, heard_delay_ms, mandate_id";

std::optional<schedules::UtcTime> optional_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return parse_utc_text(column.getString());
}

std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

// Reads a row selected with kColumns.
Play read_play(SQLite::Statement& q) {
  Play p;
  p.id = q.getColumn(0).getInt64();
  if (q.getColumn(3).isNull()) {
    p.item.occurrence = OccurrenceKey::of_slot(q.getColumn(1).getInt64(), parse_utc_text(q.getColumn(2).getString()));
  } else {
    p.item.occurrence = OccurrenceKey::of_manual(q.getColumn(3).getString());
  }
  p.item.programme_id = optional_int(q.getColumn(4));
  p.item.programme_name = q.getColumn(5).getString();
  p.item.position = q.getColumn(6).getInt();
  p.item.segment_id = optional_int(q.getColumn(7));
  p.item.segment_sha256 = q.getColumn(8).getString();  // NULL reads as ""
  p.item.category = q.getColumn(9).getString();
  p.item.title = q.getColumn(10).getString();
  // A level or status outside the CHECKs cannot be stored; normal/playing are never reached.
  p.item.level = play_level_from(q.getColumn(11).getString()).value_or(PlayLevel::normal);
  p.item.scheduled_start = optional_time(q.getColumn(12));
  p.started_at = optional_time(q.getColumn(13));
  p.progress_at = optional_time(q.getColumn(14));
  p.ended_at = optional_time(q.getColumn(15));
  p.frames = q.getColumn(16).getInt64();
  p.underruns = q.getColumn(17).getInt64();
  p.status = play_status_from(q.getColumn(18).getString()).value_or(PlayStatus::playing);
  p.reason = q.getColumn(19).getString();
  p.seq = optional_int(q.getColumn(20));
  p.hash = q.getColumn(21).getString();
  if (!q.getColumn(22).isNull()) p.heard = Heard{q.getColumn(22).getDouble(), q.getColumn(23).getInt()};
  p.item.mandate_id = optional_int(q.getColumn(24));
  return p;
}

// Columns 1-12 and 19 are the item (bind_item); 13-18 the state: started_at, ended_at, status, reason, seq, hash.
constexpr const char* kInsertItem =
    "INSERT INTO play (slot_id, nominal_start_utc, manual_key, programme_id, programme_name, position, segment_id, "
    "segment_sha256, category, title, level, scheduled_start_utc, started_at, ended_at, status, reason, seq, hash, "
    "mandate_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

void bind_item(SQLite::Statement& q, const PlayItem& item) {
  if (item.occurrence.is_manual()) {
    q.bind(3, item.occurrence.manual);
  } else {
    q.bind(1, item.occurrence.slot_id);
    q.bind(2, utc_text(item.occurrence.nominal_start));
  }
  if (item.programme_id) q.bind(4, *item.programme_id);
  q.bind(5, item.programme_name);
  q.bind(6, item.position);
  if (item.segment_id) q.bind(7, *item.segment_id);
  if (!item.segment_sha256.empty()) q.bind(8, item.segment_sha256);
  q.bind(9, item.category);
  q.bind(10, item.title);
  q.bind(11, to_string(item.level));
  if (item.scheduled_start) q.bind(12, utc_text(*item.scheduled_start));
  if (item.mandate_id) q.bind(19, *item.mandate_id);
}

// A slot's play answers the mandate its slot was planned for (docs/MANDATES.md): the
// scheduler need not know, and the id is in the row before it is hashed.
PlayItem with_slot_mandate(SQLite::Database& db, PlayItem item) {
  if (item.mandate_id || item.occurrence.is_manual()) return item;
  SQLite::Statement q(db, "SELECT mandate_id FROM slot WHERE id = ?");
  q.bind(1, item.occurrence.slot_id);
  if (q.executeStep()) item.mandate_id = optional_int(q.getColumn(0));
  return item;
}

std::string text_of(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string();
}

std::string text_of(const std::optional<schedules::UtcTime>& value) {
  return value ? utc_text(*value) : std::string();
}

}  // namespace

const char* to_string(PlayStatus status) noexcept {
  switch (status) {
    case PlayStatus::playing:
      return "playing";
    case PlayStatus::completed:
      return "completed";
    case PlayStatus::interrupted:
      return "interrupted";
    case PlayStatus::failed:
      return "failed";
    case PlayStatus::skipped:
      return "skipped";
    case PlayStatus::missed:
      return "missed";
  }
  return "?";
}

const char* to_string(PlayLevel level) noexcept {
  switch (level) {
    case PlayLevel::normal:
      return "normal";
    case PlayLevel::priority:
      return "priority";
    case PlayLevel::emergency:
      return "emergency";
  }
  return "?";
}

std::optional<PlayStatus> play_status_from(std::string_view text) noexcept {
  for (auto status : kStatuses) {
    if (text == to_string(status)) return status;
  }
  return std::nullopt;
}

std::optional<PlayLevel> play_level_from(std::string_view text) noexcept {
  for (auto level : kLevels) {
    if (text == to_string(level)) return level;
  }
  return std::nullopt;
}

OccurrenceKey OccurrenceKey::of_slot(std::int64_t slot_id, schedules::UtcTime nominal_start) {
  OccurrenceKey key;
  key.slot_id = slot_id;
  key.nominal_start = nominal_start;
  return key;
}

OccurrenceKey OccurrenceKey::of_manual(std::string key) {
  OccurrenceKey out;
  out.manual = std::move(key);
  return out;
}

std::string OccurrenceKey::text() const {
  if (is_manual()) return "manual:" + manual;
  return "slot:" + std::to_string(slot_id) + "@" + utc_text(nominal_start);
}

PlayError::PlayError(Kind kind_, std::int64_t id_, PlayStatus status_)
    : std::runtime_error(std::string("play ") + std::to_string(id_) + ": " +
                         (kind_ == Kind::no_such_play       ? "no such play"
                          : kind_ == Kind::already_final    ? "already final"
                          : kind_ == Kind::not_final_status ? "not a final status"
                                                            : "not skipped or missed") +
                         " (" + to_string(status_) + ")"),
      kind(kind_),
      id(id_),
      status(status_) {}

// Written into one string, without a temporary per field: the hub recomputes the hash of
// every play it takes (docs/PERFORMANCE.md, "Hub ingest"). The text is fixed
// (tests/store/play_store_test.cpp): "loaxa-play/1\n", then name=value lines.
std::string canonical_form(const Play& p) {
  std::string out;
  out.reserve(384 + p.item.programme_name.size() + p.item.title.size() + p.reason.size() +
              p.item.occurrence.manual.size());
  out += "loaxa-play/1\n";
  const auto line = [&out](std::string_view name, std::string_view value) {
    out += name;
    out += '=';
    // Text fields may hold anything; escaping keeps one field per line.
    std::size_t run = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const char c = value[i];
      if (c != '\\' && c != '\n' && c != '\r') continue;
      out.append(value.data() + run, i - run);
      out += c == '\\' ? "\\\\" : c == '\n' ? "\\n" : "\\r";
      run = i + 1;
    }
    out.append(value.data() + run, value.size() - run);
    out += '\n';
  };
  line("seq", text_of(p.seq));
  line("occurrence", p.item.occurrence.text());
  line("programme_id", text_of(p.item.programme_id));
  line("programme_name", p.item.programme_name);
  line("position", std::to_string(p.item.position));
  line("segment_id", text_of(p.item.segment_id));
  line("segment_sha256", p.item.segment_sha256);
  line("category", p.item.category);
  line("title", p.item.title);
  line("level", to_string(p.item.level));
  line("scheduled_start", text_of(p.item.scheduled_start));
  line("started_at", text_of(p.started_at));
  line("ended_at", text_of(p.ended_at));
  line("frames", std::to_string(p.frames));
  line("underruns", std::to_string(p.underruns));
  line("status", to_string(p.status));
  line("reason", p.reason);
  // Added with district bulletins: only when set, so every earlier row hashes as it did.
  if (p.item.mandate_id) line("mandate", std::to_string(*p.item.mandate_id));
  return out;
}

std::string chain_hash(const std::string& previous_hash, const Play& play) {
  Sha256 sha;
  const std::string form = canonical_form(play);
  sha.update(previous_hash.data(), previous_hash.size());
  sha.update("\n", 1);
  sha.update(form.data(), form.size());
  return sha.finish();
}

std::int64_t PlayStore::open_play(const PlayItem& item, schedules::UtcTime started_at) {
  WriteTransaction transaction(db_);
  SQLite::Statement insert(db_.sql(), kInsertItem);
  bind_item(insert, with_slot_mandate(db_.sql(), item));
  insert.bind(13, utc_text(started_at));
  insert.bind(15, to_string(PlayStatus::playing));
  insert.exec();
  const std::int64_t id = db_.sql().getLastInsertRowid();
  transaction.commit();
  return id;
}

std::optional<Play> PlayStore::find(std::int64_t id) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kColumns + " FROM play WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return read_play(q);
}

std::set<int> PlayStore::positions_recorded(const OccurrenceKey& occurrence) {
  SQLite::Statement q(db_.sql(),
                      occurrence.is_manual()
                          ? "SELECT DISTINCT position FROM play WHERE manual_key = ?"
                          : "SELECT DISTINCT position FROM play WHERE slot_id = ? AND nominal_start_utc = ?");
  if (occurrence.is_manual()) {
    q.bind(1, occurrence.manual);
  } else {
    q.bind(1, occurrence.slot_id);
    q.bind(2, utc_text(occurrence.nominal_start));
  }
  std::set<int> positions;
  while (q.executeStep()) positions.insert(q.getColumn(0).getInt());
  return positions;
}

std::vector<Play> PlayStore::final_after(std::int64_t after, std::size_t limit) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kColumns + " FROM play WHERE seq > ? ORDER BY seq LIMIT ?");
  q.bind(1, after);
  q.bind(2, static_cast<std::int64_t>(limit));
  std::vector<Play> rows;
  while (q.executeStep()) rows.push_back(read_play(q));
  return rows;
}

std::int64_t PlayStore::latest_seq() {
  SQLite::Statement q(db_.sql(), "SELECT coalesce(max(seq), 0) FROM play");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

void PlayStore::set_heard(std::int64_t id, const Heard& heard) {
  WriteTransaction transaction(db_);
  SQLite::Statement update(db_.sql(), "UPDATE play SET heard_pct = ?, heard_delay_ms = ? WHERE id = ?");
  update.bind(1, std::clamp(heard.pct, 0.0, 100.0));
  update.bind(2, heard.delay_ms);
  update.bind(3, id);
  if (update.exec() == 0) throw PlayError(PlayError::Kind::no_such_play, id, PlayStatus::playing);
  transaction.commit();
}

void PlayStore::progress(std::int64_t id, std::int64_t frames, std::int64_t underruns, schedules::UtcTime at) {
  WriteTransaction transaction(db_);
  SQLite::Statement update(db_.sql(),
                           "UPDATE play SET frames = ?, underruns = ?, progress_at = ? "
                           "WHERE id = ? AND status = 'playing'");
  update.bind(1, frames);
  update.bind(2, underruns);
  update.bind(3, utc_text(at));
  update.bind(4, id);
  if (update.exec() == 0) {
    const auto found = find(id);
    if (!found) throw PlayError(PlayError::Kind::no_such_play, id, PlayStatus::playing);
    throw PlayError(PlayError::Kind::already_final, id, found->status);
  }
  transaction.commit();
}

// Inside the caller's write transaction: gives `play` (its final fields set) the next seq
// and its hash after the latest row. Status, seq and hash are then written in one statement,
// since a CHECK ties them together.
void PlayStore::link(Play& play) {
  SQLite::Statement last(db_.sql(), "SELECT seq, hash FROM play WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1");
  std::int64_t seq = 1;
  std::string previous(kFirstPreviousHash);
  if (last.executeStep()) {
    seq = last.getColumn(0).getInt64() + 1;
    previous = last.getColumn(1).getString();
  }
  play.seq = seq;
  play.hash = chain_hash(previous, play);
}

void PlayStore::write_final(const Play& play) {
  SQLite::Statement update(db_.sql(),
                           "UPDATE play SET status = ?, reason = ?, ended_at = ?, frames = ?, underruns = ?, seq = ?, "
                           "hash = ? WHERE id = ? AND status = 'playing'");
  update.bind(1, to_string(play.status));
  if (!play.reason.empty()) update.bind(2, play.reason);
  if (play.ended_at) update.bind(3, utc_text(*play.ended_at));
  update.bind(4, play.frames);
  update.bind(5, play.underruns);
  update.bind(6, *play.seq);
  update.bind(7, play.hash);
  update.bind(8, play.id);
  update.exec();
}

std::int64_t PlayStore::finalise(std::int64_t id, PlayStatus status, const std::string& reason,
                                 schedules::UtcTime ended_at, std::int64_t frames, std::int64_t underruns) {
  if (status == PlayStatus::playing) throw PlayError(PlayError::Kind::not_final_status, id, status);
  WriteTransaction transaction(db_);
  auto play = find(id);
  if (!play) throw PlayError(PlayError::Kind::no_such_play, id, status);
  if (play->status != PlayStatus::playing) throw PlayError(PlayError::Kind::already_final, id, play->status);
  play->status = status;
  play->reason = reason;
  play->ended_at = ended_at;
  play->frames = frames;
  play->underruns = underruns;
  link(*play);
  write_final(*play);
  transaction.commit();
  return *play->seq;
}

std::int64_t PlayStore::record_skipped(const PlayItem& item, PlayStatus status, const std::string& reason,
                                       schedules::UtcTime at) {
  if (status != PlayStatus::skipped && status != PlayStatus::missed) {
    throw PlayError(PlayError::Kind::not_skip_status, 0, status);
  }
  WriteTransaction transaction(db_);
  Play play;
  play.item = with_slot_mandate(db_.sql(), item);
  play.status = status;
  play.reason = reason;
  play.ended_at = at;
  link(play);
  SQLite::Statement insert(db_.sql(), kInsertItem);
  bind_item(insert, play.item);
  insert.bind(14, utc_text(at));
  insert.bind(15, to_string(status));
  if (!reason.empty()) insert.bind(16, reason);
  insert.bind(17, *play.seq);
  insert.bind(18, play.hash);
  insert.exec();
  transaction.commit();
  return *play.seq;
}

int PlayStore::recover_open(schedules::UtcTime at) {
  WriteTransaction transaction(db_);
  std::vector<Play> open;
  {
    SQLite::Statement q(db_.sql(),
                        std::string("SELECT ") + kColumns + " FROM play WHERE status = 'playing' ORDER BY id");
    while (q.executeStep()) open.push_back(read_play(q));
  }
  for (auto& play : open) {
    // What the last progress report proves aired; a clock stepped back since cannot make the
    // end later than the recovery.
    auto end = play.progress_at ? *play.progress_at : *play.started_at;
    play.ended_at = std::min(end, std::max(at, *play.started_at));
    play.status = PlayStatus::interrupted;
    play.reason = play_reason::crash;
    link(play);
    write_final(play);
  }
  transaction.commit();
  return static_cast<int>(open.size());
}

std::vector<Play> PlayStore::list(const PlayFilter& filter) {
  std::string where = " WHERE 1";
  if (filter.from) where += " AND coalesce(started_at, ended_at) >= :from";
  if (filter.to) where += " AND coalesce(started_at, ended_at) < :to";
  if (filter.status) where += " AND status = :status";
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kColumns + " FROM play" + where +
                                     " ORDER BY coalesce(started_at, ended_at), id");
  if (filter.from) q.bind(":from", utc_text(*filter.from));
  if (filter.to) q.bind(":to", utc_text(*filter.to));
  if (filter.status) q.bind(":status", to_string(*filter.status));
  std::vector<Play> out;
  while (q.executeStep()) out.push_back(read_play(q));
  return out;
}

ChainCheck PlayStore::verify_chain() {
  ReadTransaction transaction(db_);
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kColumns + " FROM play WHERE seq IS NOT NULL ORDER BY seq");
  ChainCheck check;
  std::string previous(kFirstPreviousHash);
  std::int64_t expected = 1;
  while (q.executeStep()) {
    const Play play = read_play(q);
    if (*play.seq != expected) {
      check.problem = ChainCheck::Problem::gap;
      check.first_bad_seq = expected;
      return check;
    }
    if (chain_hash(previous, play) != play.hash) {
      check.problem = ChainCheck::Problem::hash_mismatch;
      check.first_bad_seq = expected;
      return check;
    }
    previous = play.hash;
    ++expected;
    ++check.rows_checked;
  }
  return check;
}

}  // namespace loaxa::store
