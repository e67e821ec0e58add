# NIANBAO_STATIC_DEPS: a target with the property NIANBAO_STATIC_LINK (the `nianbao` command)
# links the static archives of ICU, RE2, SQLite, MyHTML, gumbo and pugixml instead of their shared
# libraries: no symbol lookups in them and fewer objects mapped at start (bench/README.md,
# "Start-up"). Every other target, the command's modules among them, links the shared ones.
set(nianbao_static_when "$<BOOL:$<TARGET_PROPERTY:NIANBAO_STATIC_LINK>>")

# target: an imported dependency; ARGN: its archives (lib<name>.a) in link order, then what they need.
function(nianbao_static_alternative target)
  get_target_property(shared ${target} INTERFACE_LINK_LIBRARIES)
  set(items)
  foreach(item ${shared})
    list(APPEND items "$<$<NOT:${nianbao_static_when}>:${item}>")
  endforeach()
  foreach(name ${ARGN})
    if(name MATCHES "^lib")
      find_library(NIANBAO_STATIC_${name} NAMES ${name}.a)
      if(NOT NIANBAO_STATIC_${name})
        message(FATAL_ERROR "NIANBAO_STATIC_DEPS: no ${name}.a (the -dev package ships it)")
      endif()
      list(APPEND items "$<${nianbao_static_when}:${NIANBAO_STATIC_${name}}>")
    else()
      list(APPEND items "$<${nianbao_static_when}:${name}>")
    endif()
  endforeach()
  set_target_properties(${target} PROPERTIES INTERFACE_LINK_LIBRARIES "${items}")
endfunction()

nianbao_static_alternative(PkgConfig::ICU libicui18n libicuuc libicudata ${CMAKE_DL_LIBS} Threads::Threads)
nianbao_static_alternative(PkgConfig::RE2 libre2 Threads::Threads)
nianbao_static_alternative(PkgConfig::SQLITE libsqlite3 ${CMAKE_DL_LIBS} m Threads::Threads)
nianbao_static_alternative(PkgConfig::GUMBO libgumbo)
nianbao_static_alternative(PkgConfig::PUGIXML libpugixml)
nianbao_static_alternative(MyHTML::modest libmodest Threads::Threads)
