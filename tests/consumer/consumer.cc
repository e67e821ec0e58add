// Uses only the installed public header: reads a report, prints its format, how many cells
// were read, and whether the XML is there. scripts/test-install.sh checks what it prints.
#include <nianbao/nianbao.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer REPORT\n";
    return 2;
  }
  try {
    nianbao::ExtractOptions options;
    options.source = argv[1];
    const nianbao::Report report =
        nianbao::extract_report(nianbao::read_input(argv[1], options.limits.max_input_bytes), options);
    const std::string xml = nianbao::output::to_xml(report);
    std::cout << "template " << report.template_id << "\ncells " << report.values.size() << "\nxml "
              << (xml.find("<report ") != std::string::npos ? "yes" : "no") << "\nversion " << nianbao::version << '\n';
  } catch (const nianbao::Error& e) {
    std::cerr << "consumer: " << e.what() << '\n';
    return e.status;
  }
  return 0;
}
