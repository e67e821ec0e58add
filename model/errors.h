// Errors that reach the user: each names the input, what was wrong and where, and carries
// the documented exit status of the command that stops on it (see README "Exit status").
#pragma once

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

struct InputError : std::runtime_error {
  std::string file;   // the input as named on the command line ("-" for stdin)
  std::string where;  // "byte 1234", "line 56" or "" when the whole input is concerned
  InputError(std::string file_, std::string what, std::string where_ = "")
      : std::runtime_error(std::move(what)), file(std::move(file_)), where(std::move(where_)) {}
  // "FILE: byte 12: not a text file (NUL bytes)"
  std::string describe() const {
    return file + ": " + (where.empty() ? "" : where + ": ") + what();
  }
};

}  // namespace nianbao
