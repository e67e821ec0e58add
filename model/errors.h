// Errors that reach the user: each names the input, what was wrong and where, and carries
// the documented exit status of the command that stops on it (see README "Exit status").
// cli/ maps every exception to its status in one place (run_command).
#pragma once

#include <new>
#include <stdexcept>
#include <string>

namespace nianbao {

enum ExitCode : int {
  exit_ok = 0,
  exit_internal = 1,  // a bug: please report it with the input
  exit_usage = 2,     // bad command line
  exit_input = 3,     // an input could not be read or is not a report (binary, too large, …)
  exit_output = 4,    // an output could not be written
};

// An error that is the user's to fix, with the exit status it means. Anything else that is
// thrown is a bug (exit_internal).
struct Error : std::runtime_error {
  ExitCode status;
  Error(ExitCode status_, const std::string& what) : std::runtime_error(what), status(status_) {}
};

struct InputError : Error {
  std::string file;   // the input as named on the command line ("-" for stdin)
  std::string where;  // "byte 1234", "line 56" or "" when the whole input is concerned
  InputError(std::string file_, std::string what, std::string where_ = "")
      : Error(exit_input, std::move(what)), file(std::move(file_)), where(std::move(where_)) {}
  // "FILE: byte 12: not a text file (NUL bytes)"
  std::string describe() const {
    return file + ": " + (where.empty() ? "" : where + ": ") + what();
  }
};

// A request the command cannot take as given (a query with too many terms); the message says
// what the bound is.
struct UsageError : Error {
  explicit UsageError(const std::string& what) : Error(exit_usage, what) {}
};

// An output (file, folder, database) could not be written; the message names it.
struct OutputError : Error {
  explicit OutputError(const std::string& what) : Error(exit_output, what) {}
};


// An error carried across a module's entry point as data (extract/internal/paged_module.h,
// server/internal/serve_module.h). The command may carry its own copy of the C++ runtime
// (NIANBAO_STATIC_DEPS links libstdc++ into it) while a module uses the shared one: an exception
// thrown by one copy and caught by the other leaves each copy's count of uncaught exceptions
// wrong, so a module catches everything at its entry point and the command throws it again.
struct CarriedError {
  enum class Kind : unsigned char { none, input, error, out_of_memory, other };
  Kind kind = Kind::none;
  ExitCode status = exit_ok;
  std::string what, file, where;

  // In a `catch (...)`: records the exception being handled.
  void carry_current() noexcept {
    try {
      throw;
    } catch (const InputError& e) {
      kind = Kind::input, status = e.status, what = e.what(), file = e.file, where = e.where;
    } catch (const Error& e) {
      kind = Kind::error, status = e.status, what = e.what();
    } catch (const std::bad_alloc&) {
      kind = Kind::out_of_memory;
    } catch (const std::exception& e) {
      kind = Kind::other, what = e.what();
    } catch (...) {
      kind = Kind::other, what = "unknown exception";
    }
  }

  // On the command's side: throws what was carried, if anything.
  void rethrow() const {
    switch (kind) {
      case Kind::none: return;
      case Kind::input: throw InputError(file, what, where);
      case Kind::error: throw Error(status, what);
      case Kind::out_of_memory: throw std::bad_alloc();
      case Kind::other: throw std::runtime_error(what);
    }
  }
};

}  // namespace nianbao
