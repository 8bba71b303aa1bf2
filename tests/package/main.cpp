// SPDX-License-Identifier: MIT
// Consumer check: include the umbrella pieces, read a network from BIF text, query it; the
// built-in calibration table (a generated header) is there; with pitchrisk::json, a JSON
// report is written and read back; with pitchrisk::xml, the network is written as XMLBIF
// and read back.
#include <pitchrisk/domain/approach/calibration.hpp>
#include <pitchrisk/inference.hpp>
#include <pitchrisk/io/bif.hpp>
#include <pitchrisk/version.hpp>
#if defined(PITCHRISK_HAS_JSON)
#include <pitchrisk/domain/approach/report_json.hpp>

#include <nlohmann/json.hpp>
#include <sstream>
#endif

#if defined(PITCHRISK_HAS_XML)
#include <pitchrisk/io/xmlbif.hpp>
#endif

#include <cmath>
#include <cstdio>

int main() {
  const pitchrisk::network net = pitchrisk::io::read_bif_string(
      "network rain {}\n"
      "variable rain { type discrete [ 2 ] { yes, no }; }\n"
      "variable wet { type discrete [ 2 ] { yes, no }; }\n"
      "probability ( rain ) { table 0.2, 0.8; }\n"
      "probability ( wet | rain ) { (yes) 0.9, 0.1; (no) 0.1, 0.9; }\n",
      "rain.bif");
  const pitchrisk::variable_elimination engine(net);
  const double p = engine.posterior("rain", {{"wet", "yes"}})["yes"];
  std::printf("pitchrisk %s: P(rain | wet) = %.4f\n", PITCHRISK_VERSION_STRING, p);
  // The calibration table generated at configure time is installed with the headers.
  const auto& table = pitchrisk::approach::built_in_calibration();
  std::printf("%s\n", pitchrisk::approach::calibration_statement(table, 0.95).c_str());
#if defined(PITCHRISK_HAS_JSON)
  pitchrisk::approach::timeline t;
  t.case_name = "consumer";
  std::ostringstream json;
  pitchrisk::approach::write_json(json, t);
  if (nlohmann::json::parse(json.str())["case"] != "consumer") return 1;
  std::printf("JSON report read back\n");
#endif
#if defined(PITCHRISK_HAS_XML)
  const pitchrisk::network back =
      pitchrisk::io::read_xmlbif_string(pitchrisk::io::to_xmlbif_string(net), "rain.xml");
  const double p_back = pitchrisk::variable_elimination(back).posterior("rain", {{"wet", "yes"}})["yes"];
  if (std::abs(p_back - p) > 1e-12) return 1;
  std::printf("XMLBIF read back\n");
#endif
  return std::abs(p - 0.18 / 0.26) < 1e-12 && !table.bins.empty() ? 0 : 1;
}
