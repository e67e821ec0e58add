// The program's version, from the one place it is written: project(VERSION) in CMakeLists.txt
// (passed to every target as NIANBAO_VERSION).
#pragma once

#include <string_view>

namespace nianbao {

inline constexpr std::string_view version = NIANBAO_VERSION;

}  // namespace nianbao
