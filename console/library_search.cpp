#include "console/library_search.hpp"

#include <cstdint>
#include <map>

namespace loaxa::console {
namespace {

// One code point from `text` at `at`; `length` its bytes. A byte that does not start a
// well-formed sequence is returned alone with length 1 and code point 0.
char32_t decode(std::string_view text, std::size_t at, std::size_t& length) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  std::size_t count = 0;
  char32_t code = 0;
  if (lead < 0x80) {
    length = 1;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    count = 2;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    count = 3;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    count = 4;
    code = lead & 0x07;
  }
  if (count == 0 || at + count > text.size()) {
    length = 1;
    return 0;
  }
  for (std::size_t i = 1; i < count; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      length = 1;
      return 0;
    }
    code = (code << 6) | (byte(i) & 0x3F);
  }
  length = count;
  return code;
}

// Every Vietnamese letter with a mark, lower and upper case, after the base letter it folds to.
constexpr std::string_view kFolds[] = {
    "aàáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ",
    "eèéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ",
    "iìíỉĩịÌÍỈĨỊ",
    "oòóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
    "uùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ",
    "yỳýỷỹỵỲÝỶỸỴ",
    "dđĐ",
};

const std::map<char32_t, char>& folds() {
  static const std::map<char32_t, char> table = [] {
    std::map<char32_t, char> out;
    for (const auto letters : kFolds) {
      const char base = letters[0];
      for (std::size_t at = 1, length = 0; at < letters.size(); at += length) out[decode(letters, at, length)] = base;
    }
    return out;
  }();
  return table;
}

bool combining_mark(char32_t code) {
  return code >= 0x0300 && code <= 0x036F;
}

}  // namespace

std::string search_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0, length = 0; at < text.size(); at += length) {
    const char32_t code = decode(text, at, length);
    if (length == 1) {
      const char c = text[at];
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      continue;
    }
    if (combining_mark(code)) continue;
    if (const auto fold = folds().find(code); fold != folds().end()) {
      out += fold->second;
      continue;
    }
    out.append(text.substr(at, length));
  }
  return out;
}

bool title_matches(std::string_view title, std::string_view query) {
  const auto key = search_key(query);
  return key.empty() || search_key(title).find(key) != std::string::npos;
}

}  // namespace loaxa::console
