// The FTS5 tokenizer of the corpus's full-text index (`nianbao_bigram`): every two consecutive
// code points of the folded text are one token, so a term of two characters is one token and a
// longer term a phrase of its overlapping bigrams, an exact substring match (docs/search.md).
#pragma once

#include "engine/database.h"

namespace nianbao::engine {

// The tokenizer's name in `CREATE VIRTUAL TABLE … USING fts5(…, tokenize='nianbao_bigram')`.
inline constexpr const char* bigram_tokenizer = "nianbao_bigram";

// Registers the tokenizer on this connection: every connection that reads or writes the index
// needs it (SQLite keeps tokenizers per connection). A DbError when FTS5 is missing.
void register_bigram_tokenizer(Database& db);

}  // namespace nianbao::engine
