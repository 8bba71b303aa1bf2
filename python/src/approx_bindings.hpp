// SPDX-License-Identifier: MIT
// The approximate engines (pitchrisk.LikelihoodWeighting, ImportanceSampling, GibbsSampling,
// LoopyBeliefPropagation) and MAP over a subset (pitchrisk.exact_map, approximate_map). A
// sampler's run() answers a dict with the marginals, their standard errors, log P(e) with its
// standard error, the effective sample size; the same seed gives the same answer whatever the
// thread count. The GIL is released while an engine works.
#pragma once

#include "convert.hpp"

#include <pitchrisk/inference/gibbs_sampling.hpp>
#include <pitchrisk/inference/importance_sampling.hpp>
#include <pitchrisk/inference/likelihood_weighting.hpp>
#include <pitchrisk/inference/loopy_belief_propagation.hpp>
#include <pitchrisk/inference/map.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace pitchrisk::python {

namespace py = pybind11;

/// {variable: {state: probability}} of every variable.
inline py::dict posteriors_dict(const std::vector<distribution>& all) {
  py::dict out;
  for (const auto& d : all) out[py::str(d.name())] = to_dict(d);
  return out;
}

/// A sampler's answer as a dict (see the module's documentation of run()).
inline py::dict sampling_dict(const network& net, const sampling_result& r) {
  py::dict se;
  for (const variable_id v : net.variables()) {
    py::dict states;
    const auto& names = net.variable(v).states;
    for (std::size_t s = 0; s < names.size(); ++s)
      states[py::str(names[s])] = r.standard_errors[static_cast<std::size_t>(v)].size() > 0
                                      ? r.standard_errors[static_cast<std::size_t>(v)][static_cast<Eigen::Index>(s)]
                                      : 0.0;
    se[py::str(net.variable(v).name)] = states;
  }
  py::dict out;
  out["posteriors"] = posteriors_dict(r.posteriors);
  out["standard_errors"] = se;
  out["log_evidence"] = r.log_evidence;
  out["log_evidence_standard_error"] = r.log_evidence_standard_error;
  out["effective_sample_size"] = r.effective_sample_size;
  out["samples"] = r.samples;
  out["seconds"] = r.seconds;
  if (!std::isnan(r.r_hat) && r.r_hat > 0) out["r_hat"] = r.r_hat;
  return out;
}

inline std::optional<std::chrono::milliseconds> budget_ms(std::optional<double> ms) {
  if (!ms) return std::nullopt;
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(*ms)));
}

/// run() and posteriors() of a sampler class.
template <class Sampler, class Class>
void bind_sampler_queries(Class& cls) {
  cls.def("run", [](const Sampler& s, const py::dict& seen) {
        const evidence e = to_evidence(s.network(), seen);
        sampling_result r;
        {
          py::gil_scoped_release release;
          r = s.run(e);
        }
        return sampling_dict(s.network(), r);
      }, py::arg("evidence") = py::dict(),
      "The answer as a dict: posteriors {variable: {state: p}}, standard_errors (same shape), log_evidence "
      "and log_evidence_standard_error (importance samplers; NaN for Gibbs), effective_sample_size, samples, "
      "seconds, and r_hat (Gibbs). Throws EvidenceError for impossible evidence, SamplingError when every "
      "weight is zero.")
      .def("posteriors", [](const Sampler& s, const py::dict& seen) {
        const evidence e = to_evidence(s.network(), seen);
        sampling_result r;
        {
          py::gil_scoped_release release;
          r = s.run(e);
        }
        return posteriors_dict(r.posteriors);
      }, py::arg("evidence") = py::dict(), "Only the marginals, {variable: {state: probability}}.")
      .def_property_readonly("network", [](const Sampler& s) { return s.network(); }, "A copy of the network.");
}

inline std::vector<variable_id> ids_of(const network& net, const std::vector<std::string>& names) {
  std::vector<variable_id> out;
  for (const auto& n : names) out.push_back(net.id(n));
  return out;
}

inline py::dict map_dict(const network& net, const map_result& r) {
  py::dict states;
  for (std::size_t i = 0; i < r.variables.size(); ++i) {
    const auto& var = net.variable(r.variables[i]);
    states[py::str(var.name)] = var.states[static_cast<std::size_t>(r.states[i])];
  }
  py::dict out;
  out["states"] = states;
  out["log_probability"] = r.log_probability;
  out["log_posterior"] = r.log_posterior;
  out["evaluations"] = r.evaluations;
  return out;
}

inline void bind_approximate(py::module_& m) {
  py::class_<likelihood_weighting> lw(m, "LikelihoodWeighting",
                                      "Likelihood weighting: forward samples, findings clamped and weighted.");
  lw.def(py::init([](const network& net, std::int64_t samples, std::uint64_t seed, unsigned threads,
                     std::optional<double> time_budget_ms) {
           return likelihood_weighting(net, {.samples = samples, .seed = seed, .threads = threads,
                                             .time_budget = budget_ms(time_budget_ms)});
         }),
         py::arg("network"), py::arg("samples") = 100000, py::arg("seed") = 1, py::arg("threads") = 1,
         py::arg("time_budget_ms") = py::none());
  bind_sampler_queries<likelihood_weighting>(lw);

  py::class_<importance_sampling> is(m, "ImportanceSampling",
                                     "Adaptive importance sampling (EPIS-BN proposal from loopy BP; AIS-BN as an option).");
  is.def(py::init([](const network& net, std::int64_t samples, std::uint64_t seed, unsigned threads,
                     std::optional<double> time_budget_ms, const std::string& proposal) {
           if (proposal != "epis" && proposal != "ais")
             throw options_error("ImportanceSampling: proposal must be 'epis' or 'ais', got '" + proposal + "'");
           return importance_sampling(net, {.samples = samples, .seed = seed, .threads = threads,
                                            .time_budget = budget_ms(time_budget_ms),
                                            .proposal = proposal == "ais" ? importance_proposal::ais
                                                                          : importance_proposal::epis});
         }),
         py::arg("network"), py::arg("samples") = 100000, py::arg("seed") = 1, py::arg("threads") = 1,
         py::arg("time_budget_ms") = py::none(), py::arg("proposal") = "epis");
  bind_sampler_queries<importance_sampling>(is);

  py::class_<gibbs_sampling> gibbs(m, "GibbsSampling",
                                   "Gibbs sampling with several chains, burn-in and split R-hat; refuses deterministic zeros.");
  gibbs.def(py::init([](const network& net, std::int64_t samples, std::int64_t burn_in, int chains, std::uint64_t seed,
                        unsigned threads, std::optional<double> time_budget_ms) {
              return gibbs_sampling(net, {.samples = samples, .burn_in = burn_in, .chains = chains, .seed = seed,
                                          .threads = threads, .time_budget = budget_ms(time_budget_ms)});
            }),
            py::arg("network"), py::arg("samples") = 100000, py::arg("burn_in") = 1000, py::arg("chains") = 4,
            py::arg("seed") = 1, py::arg("threads") = 1, py::arg("time_budget_ms") = py::none());
  bind_sampler_queries<gibbs_sampling>(gibbs);

  py::class_<loopy_belief_propagation> lbp(m, "LoopyBeliefPropagation",
                                           "Loopy belief propagation (sum-product, damping, residual schedule); exact on polytrees.");
  lbp.def(py::init([](const network& net, std::int64_t max_iterations, double tolerance, double damping,
                      const std::string& schedule) {
            if (schedule != "residual" && schedule != "synchronous")
              throw options_error("LoopyBeliefPropagation: schedule must be 'residual' or 'synchronous', got '" +
                                  schedule + "'");
            return loopy_belief_propagation(net, {.max_iterations = max_iterations, .tolerance = tolerance,
                                                  .damping = damping,
                                                  .schedule = schedule == "residual" ? lbp_schedule::residual
                                                                                     : lbp_schedule::synchronous});
          }),
          py::arg("network"), py::arg("max_iterations") = 500, py::arg("tolerance") = 1e-10, py::arg("damping") = 0.0,
          py::arg("schedule") = "residual")
      .def("run", [](const loopy_belief_propagation& e, const py::dict& seen) {
        const evidence ev = to_evidence(e.network(), seen);
        basic_lbp_result<double> r;
        {
          py::gil_scoped_release release;
          r = e.run(ev);
        }
        py::dict out;
        out["posteriors"] = posteriors_dict(r.posteriors);
        out["iterations"] = r.report.iterations;
        out["residual"] = r.report.residual;
        out["converged"] = r.report.converged;
        return out;
      }, py::arg("evidence") = py::dict(), "Beliefs and the convergence report: {posteriors, iterations, residual, converged}.")
      .def("posteriors", [](const loopy_belief_propagation& e, const py::dict& seen) {
        return posteriors_dict(e.posteriors(to_evidence(e.network(), seen)));
      }, py::arg("evidence") = py::dict())
      .def_property_readonly("network", [](const loopy_belief_propagation& e) { return e.network(); });

  m.def("exact_map", [](const network& net, const std::vector<std::string>& variables, const py::dict& seen) {
    const auto vars = ids_of(net, variables);
    const evidence e = to_evidence(net, seen);
    map_result r;
    {
      py::gil_scoped_release release;
      r = exact_map(net, std::span<const variable_id>(vars), e);
    }
    return map_dict(net, r);
  }, py::arg("network"), py::arg("variables"), py::arg("evidence") = py::dict(),
        "The most probable joint state of `variables`, the others summed out: {states, log_probability "
        "(log P(states, evidence)), log_posterior}. Raises SizeError when a table would be too large.");
  m.def("approximate_map", [](const network& net, const std::vector<std::string>& variables, const py::dict& seen,
                              std::int64_t annealing_steps, std::uint64_t seed) {
    const auto vars = ids_of(net, variables);
    const evidence e = to_evidence(net, seen);
    map_result r;
    {
      py::gil_scoped_release release;
      const loopy_belief_propagation lbp(net);
      r = approximate_map(net, std::span<const variable_id>(vars), e, lbp.posteriors(e),
                          {.annealing_steps = annealing_steps, .seed = seed});
    }
    return map_dict(net, r);
  }, py::arg("network"), py::arg("variables"), py::arg("evidence") = py::dict(), py::arg("annealing_steps") = 200,
        py::arg("seed") = 1,
        "MAP by local search and annealing from loopy BP's beliefs, each candidate scored exactly: "
        "{states, log_probability, log_posterior, evaluations}.");
}

}  // namespace pitchrisk::python
