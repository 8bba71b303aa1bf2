// SPDX-License-Identifier: MIT
// io_benchmark: reading and writing every standard network in every format, from and to
// strings in memory (no disk), as the median of --repeat runs of process CPU time (what to
// compare on a machine shared with others; wall-clock medians are printed too). Reading is
// text -> description -> network (what read_network does after loading the file); writing
// is network -> description -> text (what write_network does before saving it). Each
// format's time is printed as a ratio to BIF's on the same network (issue 16 asks for 2x).
//   io_benchmark [NETWORK...] [--shared DIR] [--repeat R] [--formats bif,dsl,...]
#include "pitchrisk/io/network_file.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using namespace pitchrisk;

struct timing {
  double cpu_ms = 0;   ///< median process CPU time
  double wall_ms = 0;  ///< median wall-clock time
};

template <class F>
timing measure(int repeat, F&& f) {
  std::vector<double> cpu, wall;
  for (int r = 0; r < repeat; ++r) {
    const std::clock_t c0 = std::clock();
    const auto w0 = std::chrono::steady_clock::now();
    f();
    const auto w1 = std::chrono::steady_clock::now();
    const std::clock_t c1 = std::clock();
    cpu.push_back(1e3 * static_cast<double>(c1 - c0) / CLOCKS_PER_SEC);
    wall.push_back(std::chrono::duration<double, std::milli>(w1 - w0).count());
  }
  const auto median = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
  };
  return {median(cpu), median(wall)};
}

network read_text(const std::string& text, io::network_format format) {
  const io::read_options options;
  switch (format) {
    case io::network_format::bif: return io::to_network(io::read_bif_description_string(text, "b.bif"), options.build);
    case io::network_format::uai: return io::to_network(io::read_uai_description_string(text, "b.uai"), options.build);
    case io::network_format::dne: return io::to_network(io::read_dne_description_string(text, "b.dne"), options.build);
    case io::network_format::net: return io::to_network(io::read_net_description_string(text, "b.net"), options.build);
    case io::network_format::dsl: return io::to_network(io::read_dsl_description_string(text, "b.dsl"), options.build);
#if defined(PITCHRISK_HAS_XML)
    case io::network_format::xdsl: return io::to_network(io::read_xdsl_description_string(text, "b.xdsl"), options.build);
    case io::network_format::xmlbif:
      return io::to_network(io::read_xmlbif_description_string(text, "b.xml"), options.build);
#else
    default: break;
#endif
  }
  throw io_error("this benchmark was built without pugixml: no " + std::string(io::format_name(format)));
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path shared = PITCHRISK_SHARED_DIR;
  int repeat = 5;
  std::vector<std::string> names;
  std::vector<io::network_format> formats = {io::network_format::bif, io::network_format::xmlbif,
                                             io::network_format::net, io::network_format::uai,
                                             io::network_format::xdsl, io::network_format::dne,
                                             io::network_format::dsl};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--shared") shared = next();
    else if (a == "--repeat") repeat = std::max(1, std::atoi(next().c_str()));
    else if (a == "--formats") {
      formats = {io::network_format::bif};
      std::string list = next();
      for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const io::network_format f = io::parse_format(list.substr(start, comma - start));
        if (f != io::network_format::bif) formats.push_back(f);
        start = comma + 1;
      }
    } else if (a.rfind("--", 0) == 0) {
      std::fprintf(stderr, "usage: io_benchmark [NETWORK...] [--shared DIR] [--repeat R] [--formats bif,dsl,...]\n");
      return 2;
    } else {
      names.push_back(a);
    }
  }
  if (names.empty()) {
    std::vector<std::pair<std::uintmax_t, std::string>> files;
    for (const auto& e : std::filesystem::directory_iterator(shared / "networks"))
      if (e.path().extension() == ".bif") files.emplace_back(e.file_size(), e.path().stem().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) names.push_back(f.second);
  }
  // Header: BIF's absolute times, then every other format's read and write ratio to BIF.
  std::printf("| network | bif read ms | bif write ms |");
  for (std::size_t f = 1; f < formats.size(); ++f)
    std::printf(" %s r/w |", std::string(io::format_name(formats[f])).c_str());
  std::printf("\n|---|---|---|");
  for (std::size_t f = 1; f < formats.size(); ++f) std::printf("---|");
  std::printf("\n");
  std::vector<double> worst_read(formats.size(), 0), worst_write(formats.size(), 0);
  std::vector<std::string> worst_read_net(formats.size()), worst_write_net(formats.size());
  try {
    for (const std::string& name : names) {
      const network original = io::read_bif(shared / "networks" / (name + ".bif"));
      std::vector<timing> reads, writes;
      for (const io::network_format format : formats) {
        const std::string text = io::to_string(io::describe(original), format);
        std::size_t sink = 0;
        writes.push_back(measure(repeat, [&] { sink += io::to_string(io::describe(original), format).size(); }));
        reads.push_back(measure(repeat, [&] { sink += static_cast<std::size_t>(read_text(text, format).size()); }));
        if (sink == 0) std::printf("(empty)\n");
      }
      std::printf("| %s | %.2f | %.2f |", name.c_str(), reads[0].cpu_ms, writes[0].cpu_ms);
      for (std::size_t f = 1; f < formats.size(); ++f) {
        const double r = reads[f].cpu_ms / std::max(reads[0].cpu_ms, 1e-3);
        const double w = writes[f].cpu_ms / std::max(writes[0].cpu_ms, 1e-3);
        std::printf(" %.2f / %.2f |", r, w);
        // Sub-millisecond timings are clock noise (std::clock ticks in microseconds but the
        // kernel accounts CPU time coarser): only networks where BIF takes >= 1 ms count.
        if (reads[0].cpu_ms >= 1 && r > worst_read[f]) worst_read[f] = r, worst_read_net[f] = name;
        if (writes[0].cpu_ms >= 1 && w > worst_write[f]) worst_write[f] = w, worst_write_net[f] = name;
      }
      std::printf("\n");
      std::fflush(stdout);
    }
  } catch (const pitchrisk::error& e) {
    std::fprintf(stderr, "io_benchmark: %s\n", e.what());
    return 1;
  }
  std::printf("\nworst ratio to BIF (networks where BIF takes >= 1 ms):\n");
  for (std::size_t f = 1; f < formats.size(); ++f)
    std::printf("  %-7s read %.2f (%s), write %.2f (%s)\n", std::string(io::format_name(formats[f])).c_str(),
                worst_read[f], worst_read_net[f].c_str(), worst_write[f], worst_write_net[f].c_str());
  return 0;
}
