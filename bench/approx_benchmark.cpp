// SPDX-License-Identifier: MIT
// approx_benchmark: speed and accuracy of the approximate engines against the exact
// junction tree, on the standard networks with their reference evidence.
//   approx_benchmark [--engines lw,lbp,is,gibbs] [--samples N] [--threads T] [NETWORK ...]
// For every network (default: alarm) and engine it prints, over the reference cases: the
// time per query, samples per second (samplers), and the max / mean absolute marginal error
// and the largest Hellinger distance against the junction tree.
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/likelihood_weighting.hpp"
#if __has_include("pitchrisk/inference/loopy_belief_propagation.hpp")
#include "pitchrisk/inference/loopy_belief_propagation.hpp"
#define PITCHRISK_HAVE_LBP 1
#endif
#if __has_include("pitchrisk/inference/importance_sampling.hpp")
#include "pitchrisk/inference/importance_sampling.hpp"
#define PITCHRISK_HAVE_IS 1
#endif
#if __has_include("pitchrisk/inference/gibbs_sampling.hpp")
#include "pitchrisk/inference/gibbs_sampling.hpp"
#define PITCHRISK_HAVE_GIBBS 1
#endif
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/reference.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#ifndef PITCHRISK_SHARED_DIR
#define PITCHRISK_SHARED_DIR "../shared"
#endif

namespace {

using namespace pitchrisk;

struct errors {
  double max_abs = 0, sum_abs = 0, max_hellinger = 0;
  long count = 0;
  double seconds = 0;
  double samples = 0;
  long queries = 0;
};

void compare(errors& e, const std::vector<distribution>& got, const std::vector<distribution>& exact,
             const resolved_evidence& ev) {
  for (std::size_t v = 0; v < exact.size(); ++v) {
    if (ev.is_observed(static_cast<variable_id>(v))) continue;
    double h = 0;
    for (Eigen::Index s = 0; s < exact[v].size(); ++s) {
      const double d = std::abs(got[v][s] - exact[v][s]);
      e.max_abs = std::max(e.max_abs, d);
      e.sum_abs += d;
      ++e.count;
      const double r = std::sqrt(std::max(0.0, got[v][s])) - std::sqrt(exact[v][s]);
      h += r * r;
    }
    e.max_hellinger = std::max(e.max_hellinger, std::sqrt(h / 2));
  }
}

template <class Run>
errors measure(const network& net, const std::vector<io::reference_case>& cases,
               const std::vector<std::vector<distribution>>& exact, Run run) {
  errors e;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const evidence seen = cases[i].to_evidence();
    const auto start = std::chrono::steady_clock::now();
    double samples = 0;
    const std::vector<distribution> got = run(seen, samples);
    e.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    e.samples += samples;
    ++e.queries;
    compare(e, got, exact[i], resolve(net, seen));
  }
  return e;
}

void print(const std::string& network, const std::string& engine, const errors& e) {
  std::printf("%-11s %-6s %9.2f ms/query", network.c_str(), engine.c_str(), 1e3 * e.seconds / static_cast<double>(e.queries));
  if (e.samples > 0) std::printf(" %8.3f M samples/s", e.samples / e.seconds / 1e6);
  else std::printf("                   ");
  std::printf("  max |err| %.5f  mean |err| %.6f  max Hellinger %.5f\n", e.max_abs,
              e.sum_abs / static_cast<double>(std::max(1L, e.count)), e.max_hellinger);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> networks;
  std::string engines = "lw,lbp,is,gibbs";
  std::int64_t samples = 100000;
  unsigned threads = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--engines" || a == "--samples" || a == "--threads") && i + 1 < argc) {
      const std::string v = argv[++i];
      if (a == "--engines") engines = v;
      else if (a == "--samples") samples = std::atoll(v.c_str());
      else threads = static_cast<unsigned>(std::atoi(v.c_str()));
    } else {
      networks.push_back(a);
    }
  }
  if (networks.empty()) networks = {"alarm"};
  auto wants = [&](const char* name) { return ("," + engines + ",").find("," + std::string(name) + ",") != std::string::npos; };
  std::printf("# %lld samples per query, %u thread(s); errors against the junction tree over the reference cases\n",
              static_cast<long long>(samples), threads);
  for (const std::string& name : networks) {
    const std::string dir = PITCHRISK_SHARED_DIR;
    const auto net = std::make_shared<const network>(io::read_bif(dir + "/networks/" + name + ".bif"));
    const auto cases = io::read_reference(dir + "/reference/" + name + ".ref", false);
    const junction_tree jt(net);
    std::vector<std::vector<distribution>> exact;
    for (const auto& c : cases) exact.push_back(jt.posteriors(c.to_evidence()));
    if (wants("lw")) {
      const likelihood_weighting lw(net, {.samples = samples, .seed = 1, .threads = threads});
      print(name, "lw", measure(*net, cases, exact, [&](const evidence& e, double& n) {
              const sampling_result r = lw.run(e);
              n = static_cast<double>(r.samples);
              return r.posteriors;
            }));
    }
#ifdef PITCHRISK_HAVE_LBP
    if (wants("lbp")) {
      const loopy_belief_propagation lbp(net);
      print(name, "lbp", measure(*net, cases, exact, [&](const evidence& e, double&) { return lbp.posteriors(e); }));
    }
#endif
#ifdef PITCHRISK_HAVE_IS
    if (wants("is")) {
      const importance_sampling is(net, {.samples = samples, .seed = 1, .threads = threads});
      print(name, "is", measure(*net, cases, exact, [&](const evidence& e, double& n) {
              const sampling_result r = is.run(e);
              n = static_cast<double>(r.samples);
              return r.posteriors;
            }));
    }
#endif
#ifdef PITCHRISK_HAVE_GIBBS
    if (wants("gibbs")) {
      try {
        const gibbs_sampling gibbs(net, {.samples = samples, .seed = 1, .threads = threads});
        print(name, "gibbs", measure(*net, cases, exact, [&](const evidence& e, double& n) {
                const sampling_result r = gibbs.run(e);
                n = static_cast<double>(r.samples);
                return r.posteriors;
              }));
      } catch (const error& e) {
        std::printf("%-11s %-6s refused: %s\n", name.c_str(), "gibbs", e.what());
      }
    }
#endif
  }
}
