#pragma once
// Names the calling thread as `top -H`, `ps -L` and perf show it, so an operator (or a
// profile) can tell the audio thread from the decoder. Linux keeps at most 15 bytes; a longer
// name is cut. Failing to name a thread is harmless and ignored.

namespace loaxa {

void name_this_thread(const char* name) noexcept;

}  // namespace loaxa
