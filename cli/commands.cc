// The list of subcommands, and run_command: every exception a command throws becomes its
// documented exit status here, and nowhere else.
#include "cli/commands.h"

#include <iostream>
#include <cstdlib>
#include <new>
#include <sstream>

#include "model/errors.h"

namespace nianbao::cli {
namespace {
int status = exit_ok;
}  // namespace

void register_commands(CLI::App& app) {
  register_extract(app);
  register_batch(app);
  register_index(app);
  register_search(app);
  register_export(app);
  register_audit(app);
}

int exit_status() { return status; }

CLI::Validator strict_number(double min, double max, bool integer) {
  const std::string range =
      "[" + std::to_string(static_cast<long long>(min)) + " - " + std::to_string(static_cast<long long>(max)) + "]";
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        std::size_t digits = 0, dots = 0;
        for (const char c : text) {
          if (c >= '0' && c <= '9') ++digits;
          else if (c == '.' && !integer) ++dots;
          else return "\"" + text + "\" is not a number in decimal digits";
        }
        if (digits == 0 || dots > 1 || text.front() == '.' || text.back() == '.')
          return "\"" + text + "\" is not a number in decimal digits";
        const long double value = std::strtold(text.c_str(), nullptr);
        if (value < min || value > max) return "\"" + text + "\" is not in " + range;
        return "";
      },
      (integer ? "UINT in " : "NUMBER in ") + range);
}

void run_command(const std::string& name, const std::function<int()>& body) {
  try {
    status = body();
  } catch (const CLI::Error&) {
    throw;
  } catch (const InputError& e) {
    std::cerr << "nianbao: " << e.describe() << '\n';
    status = e.status;
  } catch (const Error& e) {
    std::cerr << "nianbao: " << name << ": " << e.what() << '\n';
    status = e.status;
  } catch (const std::bad_alloc&) {
    std::cerr << "nianbao: " << name << ": out of memory\n";
    status = exit_internal;
  } catch (const std::exception& e) {
    std::cerr << "nianbao: " << name << ": internal error: " << e.what() << '\n';
    status = exit_internal;
  }
}

}  // namespace nianbao::cli
