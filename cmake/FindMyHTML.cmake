# FindMyHTML: the MyHTML/Modest HTML parser (Debian libmodest-dev). Debian's modestConfig.cmake
# refers to a modest.cmake the package does not ship, so the library and its headers are found
# here and offered as the imported target MyHTML::modest.
find_path(MYHTML_INCLUDE_DIR myhtml/api.h)
find_library(MYHTML_LIBRARY modest)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(MyHTML REQUIRED_VARS MYHTML_LIBRARY MYHTML_INCLUDE_DIR)
if(MyHTML_FOUND AND NOT TARGET MyHTML::modest)
  add_library(MyHTML::modest INTERFACE IMPORTED)
  set_target_properties(MyHTML::modest PROPERTIES INTERFACE_LINK_LIBRARIES "${MYHTML_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${MYHTML_INCLUDE_DIR}")
endif()
mark_as_advanced(MYHTML_INCLUDE_DIR MYHTML_LIBRARY)
