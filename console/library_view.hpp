#pragma once
// The Library page's HTML (trang Thư viện): pure, from the segments and the visitor's role,
// so tests read it without a station. Every text through tr(), every value escaped. Reading
// works without JavaScript; library.js adds the upload with progress and asks before a
// removal.
//
// Thread safety: after select_language(), from any thread (the console thread in practice).

#include "console/library_filter.hpp"
#include "store/category_store.hpp"
#include "store/segment_store.hpp"

#include <string>
#include <vector>

namespace loaxa::console {

struct LibraryView {
  std::vector<store::Segment> segments;  // every segment; the filter picks the rows
  std::vector<store::Category> categories;
  LibraryFilter filter;
  std::string today;                 // ISO date in the station's zone
  bool may_change = false;           // an operator: upload, edit, approve, remove
  std::string form_token;            // the visitor's CSRF token, for the forms
  std::string notice;                // what the last change did, already worded; may be empty
  std::size_t max_upload_bytes = 0;  // the largest file the server takes ([console] max_upload_mb)
};

// The body below the frame's heading.
std::string library_body_html(const LibraryView& view);

// The query that lists `filter` again ("q=…&category=…"), url-encoded; "" for no filter.
std::string filter_query(const LibraryFilter& filter);

// "05/02/2027 – 31/03/2027", "from 05/02/2027", "until …", "always".
std::string validity_words(const store::Segment& segment);
// "valid now" / "expired" / "not valid yet".
std::string validity_state_words(Validity validity);
// "-23.0 LUFS"
std::string loudness_words(const store::Segment& segment);

}  // namespace loaxa::console
