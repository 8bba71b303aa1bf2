// SPDX-License-Identifier: MIT
// Structure learning for Python: hill climbing and tabu search under a score (BIC, AIC, BDeu,
// K2) with required and forbidden arcs, tiers and a parent limit; PC-stable over G or
// chi-square tests; the scores and tests themselves; essential graphs (pitchrisk.Pdag) and
// the structural Hamming distance. Graphs go in and out by variable name; a learned DAG
// comes back as a network whose CPTs are estimated from the same records.
#pragma once

#include "data_bindings.hpp"
#include "learning_bindings.hpp"

#include <pitchrisk/learning/essential_graph.hpp>
#include <pitchrisk/learning/hill_climbing.hpp>
#include <pitchrisk/learning/parameter_estimation.hpp>
#include <pitchrisk/learning/pc.hpp>
#include <pitchrisk/learning/structure_score.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pitchrisk::python {

namespace py = pybind11;

/// A PDAG with the names of its nodes.
struct named_pdag {
  pdag graph;                      ///< the links
  std::vector<std::string> names;  ///< node v is called names[v]
};

/// A structure score that owns its data set (the C++ one only points to it).
struct owned_score {
  std::shared_ptr<const dataset> data;    ///< the records scored
  std::unique_ptr<structure_score> score;  ///< over *data
};

namespace detail {

inline std::vector<std::string> column_names(const dataset& data) {
  std::vector<std::string> out;
  for (Eigen::Index c = 0; c < data.columns(); ++c) out.push_back(data.name(c));
  return out;
}

/// Column of variable `name`. Throws: lookup_error naming `what` and the variable.
inline Eigen::Index column_named(const dataset& data, const std::string& name, const std::string& what) {
  const Eigen::Index c = data.column_of(name);
  if (c < 0) throw lookup_error(what + ": the data has no variable '" + name + "'");
  return c;
}

inline std::vector<Eigen::Index> columns_named(const dataset& data, const std::vector<std::string>& names,
                                               const std::string& what) {
  std::vector<Eigen::Index> out;
  for (const auto& n : names) out.push_back(column_named(data, n, what));
  return out;
}

inline std::vector<arc> arcs_named(const dataset& data, const std::vector<std::pair<std::string, std::string>>& arcs,
                                   const std::string& what) {
  std::vector<arc> out;
  for (const auto& [a, b] : arcs) out.push_back({column_named(data, a, what), column_named(data, b, what)});
  return out;
}

/// A DAG over the data's columns from a network (matched by name) or a dict child -> parents.
/// Throws: lookup_error naming a variable the data lacks.
inline parent_lists parents_of(const dataset& data, py::handle structure, const std::string& what) {
  parent_lists out(static_cast<std::size_t>(data.columns()));
  if (py::isinstance<network>(structure)) {
    const network& net = py::cast<const network&>(structure);
    for (const variable_id v : net.variables()) {
      auto& ps = out[static_cast<std::size_t>(column_named(data, net.variable(v).name, what))];
      for (const variable_id p : net.parents(v)) ps.push_back(column_named(data, net.variable(p).name, what));
    }
  } else {
    for (const auto& [child, parents] : py::cast<std::map<std::string, std::vector<std::string>>>(structure))
      out[static_cast<std::size_t>(column_named(data, child, what))] = columns_named(data, parents, what);
  }
  for (auto& ps : out) std::sort(ps.begin(), ps.end());
  return out;
}

inline py::dict parents_dict(const dataset& data, const parent_lists& parents) {
  py::dict out;
  for (std::size_t v = 0; v < parents.size(); ++v) {
    py::list ps;
    for (const Eigen::Index p : parents[v]) ps.append(data.name(p));
    out[py::str(data.name(static_cast<Eigen::Index>(v)))] = ps;
  }
  return out;
}

/// The DAG over the data's columns as a network, its CPTs estimated from the data.
inline network fitted_network(const dataset& data, const parent_lists& parents, const std::string& name,
                              const parameter_prior& prior) {
  network_builder b(name);
  for (Eigen::Index c = 0; c < data.columns(); ++c) b.add_variable(data.name(c), data.states(c));
  for (Eigen::Index c = 0; c < data.columns(); ++c) {
    const auto& ps = parents[static_cast<std::size_t>(c)];
    b.set_parents(c, ps);
    Eigen::Index size = data.cardinality(c);
    for (const Eigen::Index p : ps) size *= data.cardinality(p);
    b.set_cpt(c, Eigen::ArrayXd::Constant(size, 1.0 / static_cast<double>(data.cardinality(c))));
  }
  return estimate_parameters(b.build(), data, prior);
}

inline score_options score_options_of(const std::string& score, double ess) {
  return {.kind = parse_structure_score(score), .equivalent_sample_size = ess};
}

inline py::list pair_list(const named_pdag& g, bool directed) {
  py::list out;
  const Eigen::Index n = g.graph.size();
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = directed ? 0 : a + 1; b < n; ++b)
      if (directed ? g.graph.directed(a, b) : g.graph.undirected(a, b))
        out.append(py::make_tuple(g.names[static_cast<std::size_t>(a)], g.names[static_cast<std::size_t>(b)]));
  return out;
}

inline Eigen::Index node_named(const named_pdag& g, const std::string& name) {
  const auto it = std::find(g.names.begin(), g.names.end(), name);
  if (it == g.names.end()) throw lookup_error("pdag: no node '" + name + "'");
  return static_cast<Eigen::Index>(it - g.names.begin());
}

inline py::dict parents_dict(const std::vector<std::string>& names, const parent_lists& parents) {
  py::dict out;
  for (std::size_t v = 0; v < parents.size(); ++v) {
    py::list ps;
    for (const Eigen::Index p : parents[v]) ps.append(names[static_cast<std::size_t>(p)]);
    out[py::str(names[v])] = ps;
  }
  return out;
}

}  // namespace detail

inline void bind_structure(py::module_& m) {
  py::class_<named_pdag>(m, "Pdag",
                         "A partially directed graph over named nodes (an essential graph, or PC's result): each pair "
                         "is unlinked, an arc a -> b, or an undirected edge a - b.")
      .def_property_readonly("names", [](const named_pdag& g) { return g.names; }, "Node names, in order.")
      .def_property_readonly("arcs", [](const named_pdag& g) { return detail::pair_list(g, true); },
                             "Directed arcs as (from, to) name pairs.")
      .def_property_readonly("edges", [](const named_pdag& g) { return detail::pair_list(g, false); },
                             "Undirected edges as name pairs (in node order).")
      .def("adjacent", [](const named_pdag& g, const std::string& a, const std::string& b) {
             return g.graph.adjacent(detail::node_named(g, a), detail::node_named(g, b));
           }, py::arg("a"), py::arg("b"), "Whether a and b are linked. Raises LookupError for an unknown node.")
      .def("directed", [](const named_pdag& g, const std::string& a, const std::string& b) {
             return g.graph.directed(detail::node_named(g, a), detail::node_named(g, b));
           }, py::arg("a"), py::arg("b"), "Whether a -> b.")
      .def("undirected", [](const named_pdag& g, const std::string& a, const std::string& b) {
             return g.graph.undirected(detail::node_named(g, a), detail::node_named(g, b));
           }, py::arg("a"), py::arg("b"), "Whether a - b.")
      .def_property_readonly("arc_count", [](const named_pdag& g) { return g.graph.arc_count(); }, "Directed arcs.")
      .def_property_readonly("edge_count", [](const named_pdag& g) { return g.graph.edge_count(); }, "Undirected edges.")
      .def("to_dag", [](const named_pdag& g) { return detail::parents_dict(g.names, to_dag(g.graph)); },
           "A DAG {child: [parents]}: the DAG extension when there is one; otherwise the arcs kept unless one closes "
           "a cycle and each edge oriented along a topological order of them.")
      .def("dag_extension", [](const named_pdag& g) -> py::object {
             const auto dag = dag_extension(g.graph);
             if (!dag) return py::none();
             return detail::parents_dict(g.names, *dag);
           }, "A DAG {child: [parents]} with the same skeleton, arcs and v-structures (Dor and Tarsi), or None.")
      .def("__eq__", [](const named_pdag& a, const named_pdag& b) { return a.names == b.names && a.graph == b.graph; })
      .def("__repr__", [](const named_pdag& g) {
        return "<pitchrisk.Pdag: " + std::to_string(g.graph.size()) + " nodes, " + std::to_string(g.graph.arc_count()) +
               " arcs, " + std::to_string(g.graph.edge_count()) + " undirected edges>";
      });

  m.def("essential_graph", [](const network& net) {
    std::vector<std::string> names;
    for (const variable_id v : net.variables()) names.push_back(net.variable(v).name);
    return named_pdag{essential_graph(net), std::move(names)};
  }, py::arg("network"),
        "The essential graph (CPDAG) of the network's DAG: an arc where every Markov-equivalent DAG agrees, an "
        "undirected edge elsewhere.");

  m.def("structural_hamming_distance", [](const network& a, const network& b) { return structural_hamming_distance(a, b); },
        py::arg("a"), py::arg("b"),
        "Node pairs linked differently in the essential graphs of two networks over the same variable names. "
        "Raises ModelError if the names differ.");
  m.def("structural_hamming_distance", [](const named_pdag& a, const named_pdag& b) {
    if (a.names != b.names) throw model_error("structural_hamming_distance: the graphs have different nodes");
    return structural_hamming_distance(a.graph, b.graph);
  }, py::arg("a"), py::arg("b"), "Node pairs linked differently in two PDAGs over the same nodes.");

  m.def("hill_climbing", [](const py::object& records, const std::optional<network>& net, const std::string& score,
                            double ess, std::optional<Eigen::Index> max_parents,
                            const std::vector<std::pair<std::string, std::string>>& required,
                            const std::vector<std::pair<std::string, std::string>>& forbidden,
                            const std::optional<std::vector<std::vector<std::string>>>& tiers, bool arcs_within_tier,
                            Eigen::Index tabu_length, Eigen::Index tabu_patience, Eigen::Index restarts,
                            Eigen::Index perturbation, std::uint64_t seed, Eigen::Index max_moves, const py::object& start,
                            const std::string& prior, const std::string& name) {
    const dataset data = as_dataset(records, net, "hill_climbing");
    hill_climbing_options o;
    o.score = detail::score_options_of(score, ess);
    o.constraints.required = detail::arcs_named(data, required, "hill_climbing: required arc");
    o.constraints.forbidden = detail::arcs_named(data, forbidden, "hill_climbing: forbidden arc");
    if (tiers) {
      o.constraints.tiers.assign(static_cast<std::size_t>(data.columns()), -1);
      for (std::size_t t = 0; t < tiers->size(); ++t)
        for (const auto& v : (*tiers)[t]) {
          auto& slot = o.constraints.tiers[static_cast<std::size_t>(detail::column_named(data, v, "hill_climbing: tiers"))];
          if (slot >= 0) throw model_error("hill_climbing: variable '" + v + "' is in two tiers");
          slot = static_cast<Eigen::Index>(t);
        }
    }
    o.constraints.arcs_within_tier = arcs_within_tier;
    o.constraints.max_parents = max_parents.value_or(-1);
    o.tabu_length = tabu_length;
    o.tabu_patience = tabu_patience;
    o.restarts = restarts;
    o.perturbation = perturbation;
    o.seed = seed;
    o.max_moves = max_moves;
    if (!start.is_none()) o.start = detail::parents_of(data, start, "hill_climbing: start");
    const parameter_prior p = to_prior(prior, ess, std::nullopt);
    learned_structure r;
    network fitted;
    {
      py::gil_scoped_release release;
      r = hill_climbing(data, o);
      fitted = detail::fitted_network(data, r.parents, net ? net->name() : name, p);
    }
    py::dict out;
    out["network"] = std::move(fitted);
    out["parents"] = detail::parents_dict(data, r.parents);
    out["score"] = r.score;
    out["moves"] = r.moves;
    return out;
  }, py::arg("records"), py::arg("network") = py::none(), py::arg("score") = "bic", py::arg("ess") = 1.0,
        py::arg("max_parents") = py::none(), py::arg("required") = std::vector<std::pair<std::string, std::string>>(),
        py::arg("forbidden") = std::vector<std::pair<std::string, std::string>>(), py::arg("tiers") = py::none(),
        py::arg("arcs_within_tier") = true, py::arg("tabu_length") = 0, py::arg("tabu_patience") = 0,
        py::arg("restarts") = 0, py::arg("perturbation") = 0, py::arg("seed") = 0, py::arg("max_moves") = 1'000'000,
        py::arg("start") = py::none(), py::arg("prior") = "bdeu", py::arg("name") = "learned",
        "The DAG over the records' variables that maximises `score` ('bic', 'aic', 'bdeu' with `ess`, 'k2') by "
        "hill climbing over arc additions, removals and reversals; tabu search when tabu_length > 0 (stops after "
        "tabu_patience moves without a new best, 0 = tabu_length); `restarts` seeded random restarts from "
        "`perturbation` random moves (0 = one per variable). Constraints: `required` and `forbidden` arcs as "
        "(parent, child) names, `tiers` a list of lists of names, earliest first (no arc from a later tier to an "
        "earlier one; arcs_within_tier=False forbids arcs inside a tier too), `max_parents`. `start`: a network or "
        "{child: [parents]}. `records`: a Dataset or DataFrame, or an int matrix with network= (its variables and "
        "states; its arcs are ignored). Returns {network (CPTs estimated with `prior` 'bdeu'/'k2'/'mle' and "
        "`ess`), parents {child: [parents]}, score, moves}. Raises ModelError for conflicting constraints, "
        "LookupError for an unknown score or variable.");

  m.def("pc_stable", [](const py::object& records, const std::optional<network>& net, const std::string& test,
                        double alpha, std::optional<Eigen::Index> max_conditioning, const std::string& prior, double ess,
                        const std::string& name) {
    const dataset data = as_dataset(records, net, "pc_stable");
    const pc_options o{.test = parse_independence_test(test), .alpha = alpha,
                       .max_conditioning = max_conditioning.value_or(-1)};
    const parameter_prior p = to_prior(prior, ess, std::nullopt);
    pc_result r;
    network fitted;
    {
      py::gil_scoped_release release;
      r = pc_stable(data, o);
      fitted = detail::fitted_network(data, to_dag(r.graph), net ? net->name() : name, p);
    }
    py::dict sepsets;
    for (const auto& [pair, set] : r.separating_sets) {
      py::list names;
      for (const Eigen::Index c : set) names.append(data.name(c));
      sepsets[py::make_tuple(data.name(pair.first), data.name(pair.second))] = names;
    }
    py::dict out;
    out["graph"] = named_pdag{r.graph, detail::column_names(data)};
    out["network"] = std::move(fitted);
    out["separating_sets"] = sepsets;
    out["tests"] = r.tests;
    return out;
  }, py::arg("records"), py::arg("network") = py::none(), py::arg("test") = "g-test", py::arg("alpha") = 0.05,
        py::arg("max_conditioning") = py::none(), py::arg("prior") = "bdeu", py::arg("ess") = 1.0,
        py::arg("name") = "learned",
        "PC-stable (Colombo and Maathuis): the skeleton by conditional-independence tests ('g-test' or "
        "'chi-square', independent when p > alpha) of growing conditioning sets (at most max_conditioning), then "
        "v-structures and Meek's rules. `records` as for hill_climbing. Returns {graph (a Pdag), network (a DAG of "
        "the class, Pdag.to_dag, with CPTs estimated with `prior` and `ess`), separating_sets {(a, b): [names]}, "
        "tests}. Raises ModelError for alpha outside (0, 1).");

  m.def("independence_test", [](const py::object& records, const std::string& x, const std::string& y,
                                const std::vector<std::string>& given, const std::string& test,
                                const std::optional<network>& net) {
    const dataset data = as_dataset(records, net, "independence_test");
    const std::vector<Eigen::Index> z = detail::columns_named(data, given, "independence_test");
    const independence_result r =
        independence_test(data, detail::column_named(data, x, "independence_test"),
                          detail::column_named(data, y, "independence_test"), z, parse_independence_test(test));
    py::dict out;
    out["statistic"] = r.statistic;
    out["degrees_of_freedom"] = r.degrees_of_freedom;
    out["p_value"] = r.p_value;
    out["rows"] = r.rows;
    return out;
  }, py::arg("records"), py::arg("x"), py::arg("y"), py::arg("given") = std::vector<std::string>(),
        py::arg("test") = "g-test", py::arg("network") = py::none(),
        "Tests x independent of y given the `given` variables on the records complete on all of them: "
        "{statistic (G or X^2), degrees_of_freedom (adjusted for empty strata), p_value, rows}.");

  m.def("family_score", [](const py::array_t<double, py::array::c_style | py::array::forcecast>& counts,
                           Eigen::Index child_states, const std::string& score, double ess) {
    if (counts.ndim() != 1) throw model_error("family_score: counts must be a flat array");
    const Eigen::Map<const Eigen::ArrayXd> c(counts.data(), counts.shape(0));
    return family_score(c, child_states, detail::score_options_of(score, ess));
  }, py::arg("counts"), py::arg("child_states"), py::arg("score") = "bic", py::arg("ess") = 1.0,
        "Score of one family from its counts, child state fastest then parent configurations (family_counts' "
        "layout). Raises ModelError for a size not a multiple of child_states or a negative count.");

  py::class_<owned_score>(m, "StructureScore",
                          "Family scores of a data set ('bic', 'aic', 'bdeu', 'k2'; higher is better), counted on "
                          "demand and cached. Missing cells: each family counts the rows complete on its columns.")
      .def(py::init([](const py::object& records, const std::string& score, double ess, const std::optional<network>& net) {
             auto data = std::make_shared<const dataset>(as_dataset(records, net, "StructureScore"));
             auto s = std::make_unique<structure_score>(*data, detail::score_options_of(score, ess));
             return owned_score{std::move(data), std::move(s)};
           }), py::arg("records"), py::arg("score") = "bic", py::arg("ess") = 1.0, py::arg("network") = py::none(),
           "Scores over `records` (a Dataset, a DataFrame, or an int matrix with network=).")
      .def("family", [](owned_score& s, const std::string& child, const std::vector<std::string>& parents) {
             const std::vector<Eigen::Index> ps = detail::columns_named(*s.data, parents, "StructureScore.family");
             return s.score->family(detail::column_named(*s.data, child, "StructureScore.family"), ps);
           }, py::arg("child"), py::arg("parents"), "Score of `child` given `parents` (names, any order).")
      .def("total", [](owned_score& s, const py::object& structure) {
             return s.score->total(detail::parents_of(*s.data, structure, "StructureScore.total"));
           }, py::arg("structure"), "Sum of the family scores of a DAG: a network (matched by name) or {child: [parents]}.")
      .def_property_readonly("families_scored", [](const owned_score& s) { return s.score->families_scored(); },
                             "Families scored so far (the cache's size).")
      .def("__repr__", [](const owned_score& s) {
        return "<pitchrisk.StructureScore: " + std::to_string(s.data->rows()) + " records, " +
               std::to_string(s.data->columns()) + " variables, " + std::to_string(s.score->families_scored()) +
               " families scored>";
      });
}

}  // namespace pitchrisk::python
