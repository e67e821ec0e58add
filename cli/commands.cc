// The list of subcommands, and run_command: every exception a command throws becomes its
// documented exit status here, and nowhere else.
#include "cli/commands.h"

#include <algorithm>
#include <iostream>
#include <cstdlib>
#include <new>
#include <sstream>
#include <string_view>
#include <utility>

#include "model/errors.h"

namespace nianbao::cli {
namespace {
int status = exit_ok;
}  // namespace

void register_commands(CLI::App& app, const char* first_word) {
  static constexpr std::pair<std::string_view, void (*)(CLI::App&)> commands[] = {
      {"extract", register_extract}, {"batch", register_batch},         {"index", register_index},
      {"search", register_search},   {"export", register_export},       {"audit", register_audit},
      {"diff", register_diff},       {"aggregate", register_aggregate}, {"correct", register_correct},
      {"serve", register_serve}};
  for (const auto& [name, add] : commands)
    if (first_word && name == first_word) return add(app);
  for (const auto& [name, add] : commands) add(app);
}

int exit_status() { return status; }

namespace {
// Levenshtein distance of two ASCII command names.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

bool is_command(const CLI::App& app, const std::string& name) {
  const std::vector<const CLI::App*> all = app.get_subcommands([](const CLI::App*) { return true; });
  return std::any_of(all.begin(), all.end(), [&](const CLI::App* c) { return c->get_name() == name; });
}

std::string nearest_command(const CLI::App& app, const std::string& name) {
  // A typo is a letter or two in a word of five to eight: a third of the name, at least one.
  const std::size_t allowed = std::max<std::size_t>(1, name.size() / 3);
  std::string best;
  std::size_t best_distance = allowed + 1;
  for (const CLI::App* c : app.get_subcommands([](const CLI::App*) { return true; })) {
    const std::size_t d = edit_distance(name, c->get_name());
    if (d < best_distance) {
      best = c->get_name();
      best_distance = d;
    }
  }
  return best;
}

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
