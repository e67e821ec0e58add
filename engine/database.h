// A thin RAII layer over SQLite for the corpus commands (index, search, export, audit):
// a connection, prepared statements with typed bind/column, a transaction guard. Every error
// is a DbError naming the database file and SQLite's message; nothing else of sqlite3.h leaks.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "model/errors.h"

struct sqlite3;
struct sqlite3_stmt;

namespace nianbao::engine {

// A database that cannot be read is an input error (exit 3), one that cannot be written an
// output error (exit 4): the status follows the mode the database was opened in.
struct DbError : Error {
  DbError(ExitCode status_, const std::string& what) : Error(status_, what) {}
};

class Statement;

class Database {
 public:
  enum class Mode { read_only, read_write_create };
  // Opens `path`. read_only refuses a missing file; both refuse a file that is not SQLite.
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(Database&& other) noexcept
      : path_(std::move(other.path_)), status_(other.status_), db_(other.db_) { other.db_ = nullptr; }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Run one or more statements without results.
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_id() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  // "corpus.db: <what>: <sqlite message>"
  [[noreturn]] void fail(std::string_view what) const;

 private:
  std::string path_;
  ExitCode status_;  // of its errors: exit_input when read-only, exit_output when written
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Strings are copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  // Binds text, or NULL when empty.
  Statement& bind_optional(int index, std::string_view text);

  // Advance: true while there is a row. Throws DbError on failure.
  bool step();
  // step() to completion, then reset() for the next use.
  void run();
  void reset();  // also clears the bindings

  bool is_null(int column) const;
  std::string text(int column) const;  // "" for NULL
  std::int64_t integer(int column) const;
  double real(int column) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN on construction; ROLLBACK on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace nianbao::engine
