// SPDX-License-Identifier: MIT
// pitchrisk's exceptions as Python classes under one base, pitchrisk.Error, keeping the C++
// message; ParseError carries file, line and column attributes.
#pragma once

#include <pitchrisk/error.hpp>

#include <pybind11/pybind11.h>

namespace pitchrisk::python {

namespace py = pybind11;

inline void bind_errors(py::module_& m) {
  static py::exception<error> base(m, "Error");
  static py::exception<model_error> model(m, "ModelError", base.ptr());
  static py::exception<evidence_error> evidence(m, "EvidenceError", base.ptr());
  static py::exception<lookup_error> lookup(m, "LookupError", base.ptr());
  static py::exception<size_error> size(m, "SizeError", base.ptr());
  static py::exception<io_error> io(m, "IOError", base.ptr());
  static py::exception<parse_error> parse(m, "ParseError", base.ptr());
  static py::exception<options_error> options(m, "OptionsError", base.ptr());
  static py::exception<sampling_error> sampling(m, "SamplingError", base.ptr());
  // One translator, most derived first; pybind11's own per-type translators would be tried
  // in reverse order of registration and catch derived types by the base.
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const parse_error& e) {
      py::object err = py::reinterpret_borrow<py::object>(parse.ptr())(e.what());
      err.attr("file") = e.file();
      err.attr("line") = e.line();
      err.attr("column") = e.column();
      PyErr_SetObject(parse.ptr(), err.ptr());
    } catch (const model_error& e) {
      model(e.what());
    } catch (const evidence_error& e) {
      evidence(e.what());
    } catch (const lookup_error& e) {
      lookup(e.what());
    } catch (const size_error& e) {
      size(e.what());
    } catch (const io_error& e) {
      io(e.what());
    } catch (const options_error& e) {
      options(e.what());
    } catch (const sampling_error& e) {
      sampling(e.what());
    } catch (const error& e) {
      base(e.what());
    }
  });
}

}  // namespace pitchrisk::python
