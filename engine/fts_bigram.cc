// The bigram tokenizer of the full-text index, registered through FTS5's C API.
#include "engine/internal/fts_bigram.h"

#include <sqlite3.h>

namespace nianbao::engine {

namespace {

// Bytes of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte: the
// folded text is valid UTF-8, this only keeps a damaged one from stalling the tokenizer).
int sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

int create(void*, const char**, int, Fts5Tokenizer** out) {
  static int instance;  // the tokenizer keeps no state: one shared, non-null handle
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) {}

// Each pair of consecutive code points, at consecutive positions; a text of one code point is
// that one token (a bigram index cannot match a one-character term: search.cc scans for those).
int tokenize(Fts5Tokenizer*, void* context, int, const char* text, int size,
             int (*token)(void*, int, const char*, int, int, int)) {
  auto next = [&](int at) {
    const int end = at + sequence_length(static_cast<unsigned char>(text[at]));
    return end > size ? size : end;
  };
  if (size <= 0) return SQLITE_OK;
  int first = 0, second = next(0);
  if (second == size) return token(context, 0, text, size, 0, size);
  while (second < size) {
    const int end = next(second);
    if (const int rc = token(context, 0, text + first, end - first, first, end); rc != SQLITE_OK) return rc;
    first = second;
    second = end;
  }
  return SQLITE_OK;
}

}  // namespace

void register_bigram_tokenizer(Database& d) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(d.handle(), "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) d.fail("FTS5 is missing");
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (!api) d.fail("FTS5 is missing");
  static fts5_tokenizer bigrams = {create, destroy, tokenize};
  if (api->xCreateTokenizer(api, bigram_tokenizer, nullptr, &bigrams, nullptr) != SQLITE_OK)
    d.fail("registering the bigram tokenizer");
}

}  // namespace nianbao::engine
