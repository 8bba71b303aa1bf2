// SPDX-License-Identifier: MIT
// A plain main() for the fuzz targets, for builds without libFuzzer (g++, or any
// sanitizer build): feeds every file named on the command line, and every file under each
// folder named, to LLVMFuzzerTestOneInput. Exits 1 if any input made the target throw.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    if (fs::is_directory(arg)) {
      for (const auto& entry : fs::recursive_directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else if (fs::is_regular_file(arg)) {
      files.push_back(arg);
    } else {
      std::cerr << argv[0] << ": " << arg.string() << ": no such file or folder\n";
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  int failures = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& e) {
      std::cerr << file.string() << ": FAILED: " << e.what() << '\n';
      ++failures;
    } catch (...) {
      std::cerr << file.string() << ": FAILED: a non-standard exception\n";
      ++failures;
    }
  }
  std::cout << files.size() << " inputs replayed, " << failures << " failed\n";
  return failures == 0 ? 0 : 1;
}
