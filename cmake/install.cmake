# Installing nianbao: the command, one shared library (libnianbao: every stage inside, its
# dependencies linked in privately), the public headers under include/nianbao, a CMake package
# (find_package(nianbao) → nianbao::nianbao) and a pkg-config file (nianbao.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

add_library(nianbao_library SHARED ${PROJECT_SOURCE_DIR}/include/nianbao/nianbao.h)
set_target_properties(nianbao_library PROPERTIES OUTPUT_NAME nianbao EXPORT_NAME nianbao LINKER_LANGUAGE CXX
                      VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
# The pipeline and the writers whole (the API), the rest as they need it.
target_link_libraries(nianbao_library PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,nianbao_pipeline,nianbao_output>"
                      nianbao_schema nianbao_metadata nianbao_extract nianbao_normalize nianbao_model)
target_include_directories(nianbao_library INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/nianbao>)
target_compile_features(nianbao_library INTERFACE cxx_std_20)
add_library(nianbao::nianbao ALIAS nianbao_library)

install(TARGETS nianbao RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# the command's modules: PDF, image and DOCX readers, OCR, serve (extract/module_loader.h)
install(TARGETS nianbao_paged_module nianbao_ocr_module nianbao_serve_module LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/nianbao)
install(TARGETS nianbao_library EXPORT nianbaoTargets LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES include/nianbao/nianbao.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nianbao)
# The installed model/version.h holds the version itself (the build passes it as NIANBAO_VERSION).
file(READ model/version.h version_header)
string(REPLACE "= NIANBAO_VERSION;" "= \"${PROJECT_VERSION}\";" version_header "${version_header}")
file(WRITE ${PROJECT_BINARY_DIR}/installed/version.h "${version_header}")
install(FILES ${PROJECT_BINARY_DIR}/installed/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nianbao/model)
# Every header of model/ (report.h includes its neighbours, and twice a new one was missed from a
# list here: out_of_line.h, block_text.h); version.h is written above with the version filled in.
file(GLOB model_headers RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/model/*.h)
list(REMOVE_ITEM model_headers model/version.h)
foreach(header ${model_headers} extract/extract.h output/output.h pipeline/corrections.h pipeline/provenance.h
               pipeline/files.h pipeline/pipeline.h)
  get_filename_component(dir ${header} DIRECTORY)
  install(FILES ${header} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nianbao/${dir})
endforeach()
install(EXPORT nianbaoTargets NAMESPACE nianbao:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nianbao)
configure_package_config_file(cmake/nianbaoConfig.cmake.in ${PROJECT_BINARY_DIR}/nianbaoConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nianbao)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/nianbaoConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/nianbaoConfig.cmake ${PROJECT_BINARY_DIR}/nianbaoConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nianbao)
file(RELATIVE_PATH PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")  # relocatable: prefix from the .pc's place
configure_file(cmake/nianbao.pc.in ${PROJECT_BINARY_DIR}/nianbao.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/nianbao.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
