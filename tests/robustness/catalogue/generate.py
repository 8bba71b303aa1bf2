#!/usr/bin/env python3
# Regenerates the bad-input catalogue (files + index.tsv) from the table below:
#   python3 tests/robustness/catalogue/generate.py tests/robustness/catalogue
# Binary inputs (NUL bytes, UTF-16, Latin-1, overlong UTF-8) are written as bytes.
import os, sys
root = sys.argv[1]
entries = []  # (path, expect, line, fragment, text_bytes, note)

def add(path, data, expect, line, fragment, note):
    if isinstance(data, str): data = data.encode('utf-8')
    entries.append((path, expect, line, fragment, data, note))

def V(name, states):  # variable block
    return "variable %s {\n  type discrete [ %d ] { %s };\n}\n" % (name, len(states), ", ".join(states))

NET = "network test {\n}\n"
AB = NET + V("a", ["yes", "no"]) + V("b", ["yes", "no"])
PA = "probability ( a ) {\n  table 0.3, 0.7;\n}\n"
PB = "probability ( b | a ) {\n  (yes) 0.9, 0.1;\n  (no) 0.2, 0.8;\n}\n"
GOOD = AB + PA + PB

# ---------------- BIF: valid oddities ----------------
b = "bif/"
add(b+"ok_crlf.bif", GOOD.replace("\n", "\r\n"), "ok", "-", "", "CRLF line ends")
add(b+"ok_cr_only.bif", GOOD.replace("\n", "\r"), "ok", "-", "", "old Mac CR-only line ends")
add(b+"ok_tabs.bif", GOOD.replace("  ", "\t").replace(" ", "\t"), "ok", "-", "", "tabs for all blanks")
add(b+"ok_comments.bif", "// leading comment\n/* block\n comment */ " + AB + "/* between */\n" + PA.replace("table", "table /* inline */") + "// trailing\n" + PB + "// no newline at end", "ok", "-", "", "line and block comments everywhere")
add(b+"ok_bom.bif", "\ufeff" + GOOD, "ok", "-", "", "UTF-8 byte-order mark")
add(b+"ok_quoted_names.bif", NET + 'variable "a b" {\n  type discrete [ 2 ] { "yes it is", "no" };\n}\nprobability ( "a b" ) {\n  table 0.5, 0.5;\n}\n', "ok", "-", "", "quoted names with blanks (JavaBayes)")
add(b+"ok_default_row.bif", AB + PA + "probability ( b | a ) {\n  default 0.5, 0.5;\n  (yes) 0.9, 0.1;\n}\n", "ok", "-", "", "default row plus one labelled row")
add(b+"ok_properties.bif", "network test {\n  property author = \"x; y\" ;\n}\nvariable a {\n  type discrete [ 2 ] { yes, no };\n  property position = (1, 2);\n}\n" + PA, "ok", "-", "", "property statements in network and variable blocks")
add(b+"ok_exponents.bif", NET + V("a", ["x", "y", "z"]) + "probability ( a ) {\n  table 1e-300, 5E-1, 0.5;\n}\n", "ok", "-", "", "exponent notation and a near-zero entry (sum within tolerance)")
add(b+"ok_zero_entries.bif", AB + "probability ( a ) {\n  table 0, 1;\n}\n" + "probability ( b | a ) {\n  (yes) 1, 0;\n  (no) 0.0, 1.0;\n}\n", "ok", "-", "", "deterministic CPTs with exact zeros")
add(b+"ok_no_trailing_newline.bif", GOOD.rstrip("\n"), "ok", "-", "", "no newline at the end of the file")
add(b+"ok_formfeed.bif", GOOD.replace("\n", "\n\f\v"), "ok", "-", "", "form feed and vertical tab as blanks")
# JavaBayes order: for each child state, the values over the parent configurations
add(b+"ok_table_with_parents.bif", AB + PA + "probability ( b | a ) {\n  table 0.9, 0.2, 0.1, 0.8;\n}\n", "ok", "-", "", "'table' on a node with parents (JavaBayes)")

# ---------------- BIF: truncations ----------------
add(b+"empty.bif", "", "parse_error", "1", "empty file", "empty file")
add(b+"only_comments.bif", "// nothing here\n/* at all */\n", "parse_error", "-", "empty file", "only comments")
add(b+"trunc_after_network.bif", "network", "parse_error", "1", "end of file", "truncated after the first keyword")
add(b+"trunc_in_variable.bif", NET + "variable a {\n  type discrete [ 2 ] { yes, ", "parse_error", "4", "end of file", "truncated inside a state list")
add(b+"trunc_in_table.bif", AB + PA + "probability ( b | a ) {\n  (yes) 0.9, 0.1;\n  (no) 0.2, ", "parse_error", "-", "end of file", "truncated inside a probability block")
add(b+"trunc_missing_brace.bif", AB + PA + "probability ( b | a ) {\n  (yes) 0.9, 0.1;\n  (no) 0.2, 0.8;\n", "parse_error", "-", "missing '}'", "probability block never closed")
add(b+"unterminated_comment.bif", GOOD + "/* never closed\n", "parse_error", "16", "comment", "unterminated block comment")
add(b+"unterminated_quote.bif", NET + 'variable "a {\n  type discrete [ 2 ] { yes, no };\n}\n', "parse_error", "3", "quote", "unterminated quoted name")
# ---------------- BIF: bytes and encodings ----------------
add(b+"nul_byte.bif", AB.encode() + b"probability ( a ) {\n  table 0.3,\x00 0.7;\n}\n" + PB.encode(), "parse_error", "10", "NUL byte", "NUL byte inside a table")
add(b+"utf16le.bif", b"\xff\xfe" + GOOD.encode("utf-16-le"), "parse_error", "1", "NUL byte", "UTF-16 (little-endian, BOM) file")
add(b+"binary_garbage.bif", bytes(range(1, 256)) * 3, "parse_error", "-", "", "binary garbage without NUL bytes")
add(b+"latin1_in_number.bif", (NET + V("a", ["yes", "no"])).encode() + b"probability ( a ) {\n  table 0\xb75, 0.5;\n}\n", "parse_error", "7", "trailing characters", "Latin-1 middle dot (one byte, invalid UTF-8) inside a number")
# ---------------- BIF: numbers ----------------
def num(val, frag, note, expect="parse_error", line="7"):
    return (NET + V("a", ["yes", "no"]) + "probability ( a ) {\n  table %s, 0.5;\n}\n" % val, expect, line, frag, note)
for fname, val, frag, note in [
    ("num_nan", "nan", "nan", "NaN entry"),
    ("num_nan_upper", "NaN", "NaN", "NaN entry, mixed case"),
    ("num_inf", "inf", "inf", "infinite entry"),
    ("num_minus_inf", "-infinity", "-infinity", "minus infinity"),
    ("num_negative", "-0.5", "-0.5", "negative entry"),
    ("num_double_dot", "0.5.5", "0.5.5", "two decimal points"),
    ("num_overflow", "1e999", "1e999", "exponent overflow"),
    ("num_hex", "0x1p-1", "0x1p-1", "hexadecimal float"),
    ("num_comma_decimal", "0,5 0", "", "decimal comma (a value too many)"),
    ("num_trailing_garbage", "0.5abc", "0.5abc", "letters after a number"),
    ("num_greater_than_one", "1.5", "greater than 1", "entry above 1"),
    ("num_empty_exponent", "5e", "5e", "exponent without digits"),
    ("num_plus_plus", "++0.5", "++0.5", "two signs"),
]:
    t, e, l, f, n = num(val, frag, note)
    add(b+fname+".bif", t, e, l, f, n)
# ---------------- BIF: declarations ----------------
add(b+"count_not_number.bif", NET + "variable a {\n  type discrete [ x ] { yes, no };\n}\n", "parse_error", "4", "not a whole number", "state count is a word")
add(b+"count_zero.bif", NET + "variable a {\n  type discrete [ 0 ] { };\n}\n", "parse_error", "4", "0 states", "zero states")
add(b+"count_negative.bif", NET + "variable a {\n  type discrete [ -2 ] { yes, no };\n}\n", "parse_error", "4", "-2", "negative state count")
add(b+"count_huge.bif", NET + "variable a {\n  type discrete [ 99999999999999999999999 ] { yes, no };\n}\n", "size_error", "-", "more than any table can hold", "state count beyond 2^64")
add(b+"count_4e9.bif", NET + "variable a {\n  type discrete [ 4000000000 ] { yes, no };\n}\n", "size_error", "-", "entries", "4e9 states declared, 2 listed: refused before allocating")
add(b+"count_too_few_listed.bif", NET + "variable a {\n  type discrete [ 3 ] { yes, no };\n}\n", "parse_error", "4", "declares 3 states but lists 2", "declared 3, listed 2")
add(b+"count_too_many_listed.bif", NET + "variable a {\n  type discrete [ 2 ] { yes, no, maybe };\n}\n", "parse_error", "4", "more states than the 2", "declared 2, listed 3")
add(b+"single_state.bif", NET + "variable a {\n  type discrete [ 1 ] { only };\n}\nprobability ( a ) {\n  table 1;\n}\n", "parse_error", "4", "single state", "single-state variable (refused by default)")
add(b+"duplicate_state.bif", NET + "variable a {\n  type discrete [ 2 ] { yes, yes };\n}\n", "parse_error", "3", "twice", "duplicate state name")
add(b+"empty_state.bif", NET + 'variable a {\n  type discrete [ 2 ] { yes, "" };\n}\n', "parse_error", "4", "empty state name", "empty quoted state name")
add(b+"duplicate_variable.bif", NET + V("a", ["yes", "no"]) + V("a", ["yes", "no"]) + PA, "parse_error", "-", "twice", "variable declared twice")
add(b+"continuous.bif", NET + "variable a {\n  type continuous;\n}\n", "parse_error", "4", "not supported", "continuous variable")
add(b+"no_type.bif", NET + "variable a {\n}\n", "parse_error", "3", "no 'type discrete", "variable without a type")
add(b+"two_types.bif", NET + "variable a {\n  type discrete [ 2 ] { yes, no };\n  type discrete [ 2 ] { yes, no };\n}\n", "parse_error", "5", "second 'type'", "two type declarations")
add(b+"missing_semicolon.bif", NET + "variable a {\n  type discrete [ 2 ] { yes, no }\n}\n" + PA, "parse_error", "5", "expected", "missing ';' after the state list")
add(b+"second_network.bif", NET + NET + V("a", ["yes", "no"]) + PA, "parse_error", "3", "second 'network'", "two network blocks")
add(b+"unknown_keyword.bif", GOOD + "potential ( a ) {\n}\n", "parse_error", "16", "potential", "unknown top-level keyword")
add(b+"stray_brace.bif", GOOD + "}\n", "parse_error", "16", "}", "stray closing brace")
# ---------------- BIF: probability blocks ----------------
add(b+"undeclared_child.bif", AB + PA + PB + "probability ( c ) {\n  table 0.5, 0.5;\n}\n", "parse_error", "16", "'c'", "probability for an undeclared variable")
add(b+"undeclared_parent.bif", AB + PA + "probability ( b | z ) {\n  (yes) 0.9, 0.1;\n  (no) 0.2, 0.8;\n}\n", "parse_error", "12", "'z'", "undeclared parent")
add(b+"self_parent.bif", AB + PA + "probability ( b | b ) {\n  (yes) 0.9, 0.1;\n  (no) 0.2, 0.8;\n}\n", "parse_error", "12", "own parent", "variable is its own parent")
add(b+"duplicate_parent.bif", AB + PA + "probability ( b | a, a ) {\n  (yes, yes) 0.9, 0.1;\n}\n", "parse_error", "12", "twice", "parent listed twice")
add(b+"cycle.bif", AB + "probability ( a | b ) {\n  (yes) 0.9, 0.1;\n  (no) 0.2, 0.8;\n}\n" + PB, "model_error", "-", "cycle", "a -> b -> a")
add(b+"cycle_three.bif", NET + V("a", ["y", "n"]) + V("b", ["y", "n"]) + V("c", ["y", "n"]) +
    "probability ( a | c ) {\n  table 0.5, 0.5, 0.5, 0.5;\n}\nprobability ( b | a ) {\n  table 0.5, 0.5, 0.5, 0.5;\n}\nprobability ( c | b ) {\n  table 0.5, 0.5, 0.5, 0.5;\n}\n",
    "model_error", "-", "cycle", "a -> b -> c -> a")
add(b+"missing_block.bif", AB + PA, "parse_error", "-", "'b'", "variable without a probability block")
add(b+"two_blocks.bif", GOOD + PA, "parse_error", "16", "'a'", "two probability blocks for one variable")
add(b+"table_too_short.bif", AB + "probability ( a ) {\n  table 0.3;\n}\n" + PB, "parse_error", "-", "1", "table with one value for two states")
add(b+"table_too_long.bif", AB + "probability ( a ) {\n  table 0.3, 0.3, 0.4;\n}\n" + PB, "parse_error", "-", "3", "table with three values for two states")
add(b+"column_sum.bif", AB + "probability ( a ) {\n  table 0.3, 0.6;\n}\n" + PB, "model_error", "-", "sums to 0.9", "column sums to 0.9")
add(b+"column_sum_tiny_off.bif", AB + "probability ( a ) {\n  table 0.3, 0.69999;\n}\n" + PB, "ok", "-", "", "column off by 1e-5: a printed table, renormalised by default")
add(b+"column_sum_off_1e3.bif", AB + "probability ( a ) {\n  table 0.3, 0.699;\n}\n" + PB, "model_error", "-", "--lenient", "column off by 1e-3: over the default tolerance, the message names --lenient")
add(b+"column_all_zero.bif", AB + "probability ( a ) {\n  table 0, 0;\n}\n" + PB, "model_error", "-", "sums to 0", "all-zero column")
add(b+"row_label_count.bif", AB + PA + "probability ( b | a ) {\n  (yes, no) 0.9, 0.1;\n  (no) 0.2, 0.8;\n}\n", "parse_error", "13", "label", "row with two labels for one parent")
add(b+"row_unknown_state.bif", AB + PA + "probability ( b | a ) {\n  (maybe) 0.9, 0.1;\n  (no) 0.2, 0.8;\n}\n", "parse_error", "13", "'maybe'", "row names an unknown parent state")
add(b+"row_duplicate.bif", AB + PA + "probability ( b | a ) {\n  (yes) 0.9, 0.1;\n  (yes) 0.9, 0.1;\n}\n", "parse_error", "14", "yes", "the same row twice")
add(b+"row_missing.bif", AB + PA + "probability ( b | a ) {\n  (yes) 0.9, 0.1;\n}\n", "parse_error", "-", "no", "a parent configuration without a row or default")
add(b+"row_short.bif", AB + PA + "probability ( b | a ) {\n  (yes) 0.9;\n  (no) 0.2, 0.8;\n}\n", "parse_error", "13", "1", "a row with one value for two states")
add(b+"table_and_rows.bif", AB + PA + "probability ( b | a ) {\n  table 0.9, 0.1, 0.2, 0.8;\n  (yes) 0.9, 0.1;\n}\n", "parse_error", "14", "mixes 'table'", "table and rows mixed")
add(b+"two_defaults.bif", AB + PA + "probability ( b | a ) {\n  default 0.5, 0.5;\n  default 0.5, 0.5;\n}\n", "parse_error", "14", "second 'default'", "two default lines")
add(b+"two_bars.bif", AB + PA + "probability ( b | a | a ) {\n  (yes) 0.9, 0.1;\n}\n", "parse_error", "12", "'|'", "two '|' in a header")
add(b+"empty_block.bif", AB + PA + "probability ( b | a ) {\n}\n", "parse_error", "12", "no 'table', rows or 'default'", "probability block with nothing in it")
# ---------------- BIF: sizes ----------------
parents = ["p%d" % i for i in range(40)]
big = NET + "".join(V(p, ["s%d" % k for k in range(4)]) for p in parents) + V("c", ["y", "n"])
big += "".join("probability ( %s ) {\n  table 0.25, 0.25, 0.25, 0.25;\n}\n" % p for p in parents)
big += "probability ( c | %s ) {\n  default 0.5, 0.5;\n}\n" % ", ".join(parents)
add(b+"cpt_overflow_2e24.bif", big, "size_error", "-", "would need", "CPT of 2 x 4^40 (2.4e24) entries: refused with the size, before allocating")
parents = ["p%d" % i for i in range(70)]
big = NET + "".join(V(p, ["s%d" % k for k in range(2)]) for p in parents) + V("c", ["y", "n"])
big += "".join("probability ( %s ) {\n  table 0.5, 0.5;\n}\n" % p for p in parents)
big += "probability ( c | %s ) {\n  default 0.5, 0.5;\n}\n" % ", ".join(parents)
add(b+"cpt_overflow_2e64.bif", big, "size_error", "-", "would need", "CPT of 2^71 entries (overflows 64-bit size arithmetic)")
add(b+"states_3e8.bif", NET + "variable a {\n  type discrete [ 300000000 ] { s };\n}\n", "size_error", "-", "300000000", "3e8 states declared (over the 2^28 table limit) with one listed")

# ---------------- .case ----------------
c = "case/"
CGOOD = "# title: a test case\n# intent: benign\nlabel benign\nsource https://example.org/x\nprior_relationship=stranger\n\nstage first\n# cycle: spotting\nfirst_contact_channel=ad_or_gig\n"
add(c+"ok_crlf.case", CGOOD.replace("\n", "\r\n"), "ok", "-", "", "CRLF line ends")
add(c+"ok_tabs_and_blanks.case", "\tlabel\tbenign  \n   \t\n  prior_relationship=stranger\t\n", "ok", "-", "", "tabs and trailing blanks")
add(c+"ok_bom.case", "\ufeff" + CGOOD, "ok", "-", "", "UTF-8 byte-order mark")
add(c+"ok_no_stages.case", "label pitch\nprior_relationship=stranger\n", "ok", "-", "", "a case without stages")
add(c+"ok_comments_only_and_label.case", "# just a comment\n# basis: anything = goes here\nlabel pitch\n# another\n", "ok", "-", "", "comments including '=' signs")
add(c+"ok_no_final_newline.case", "label pitch\nstage a\nprior_relationship=stranger", "ok", "-", "", "no newline at the end")
add(c+"ok_utf8_title.case", "# title: Paris \u2014 caf\u00e9 meeting \u4e2d\u6587\nlabel pitch\n", "ok", "-", "", "UTF-8 (multi-byte) in a title")
add(c+"empty.case", "", "parse_error", "-", "no 'label", "empty file")
add(c+"missing_label.case", "prior_relationship=stranger\nstage a\n", "parse_error", "-", "no 'label", "no label line")
add(c+"two_labels.case", "label pitch\nlabel benign\n", "parse_error", "2", "second 'label'", "two labels")
add(c+"bad_label.case", "label maybe\n", "parse_error", "1", "expected 'pitch' or 'benign'", "label value not known")
add(c+"label_after_stage.case", "stage a\nlabel pitch\n", "parse_error", "2", "before the first 'stage'", "label after a stage")
add(c+"truncated_label.case", "label pi", "parse_error", "1", "'pi'", "file cut inside the label")
add(c+"bad_source.case", "label pitch\nsource ftp://example.org\n", "parse_error", "2", "URL", "source that is not http(s) or seed:")
add(c+"source_with_blank.case", "label pitch\nsource https://a b\n", "parse_error", "2", "source", "source with a blank")
add(c+"source_after_stage.case", "label pitch\nstage a\nsource seed:x\n", "parse_error", "3", "before the first 'stage'", "source after a stage")
add(c+"bad_stage_name.case", "label pitch\nstage First\n", "parse_error", "2", "must match", "stage name with a capital")
add(c+"empty_stage_name.case", "label pitch\nstage\n", "parse_error", "2", "must match", "stage without a name")
add(c+"duplicate_stage.case", "label pitch\nstage a\nstage a\n", "parse_error", "3", "already started on line 2", "stage name used twice")
add(c+"stage_after_exposure.case", "label pitch\nstage exposure\nauthority_flag=flagged\nstage later\n", "parse_error", "4", "after 'exposure'", "stage after exposure")
add(c+"exposure_not_flagged.case", "label pitch\nstage exposure\nprior_relationship=stranger\n", "parse_error", "2", "authority_flag=flagged", "exposure stage without the flag")
add(c+"flag_outside_exposure.case", "label pitch\nstage a\nauthority_flag=flagged\n", "parse_error", "3", "only in a final stage named 'exposure'", "flag outside exposure")
add(c+"unknown_indicator.case", "label pitch\nfavourite_colour=blue\n", "parse_error", "2", "unknown indicator 'favourite_colour'", "unknown indicator")
add(c+"unknown_state.case", "label pitch\nprior_relationship=cousin\n", "parse_error", "2", "no state 'cousin'", "unknown state")
add(c+"empty_state.case", "label pitch\nprior_relationship=\n", "parse_error", "2", "no state ''", "empty state")
add(c+"duplicate_in_block.case", "label pitch\nprior_relationship=stranger\nprior_relationship=stranger\n", "parse_error", "3", "appears twice in one block", "same indicator twice in one block")
add(c+"blanks_around_eq.case", "label pitch\nprior_relationship = stranger\n", "parse_error", "2", "has blanks", "blanks around '='")
add(c+"unknown_statement.case", "label pitch\nobserve prior_relationship\n", "parse_error", "2", "unknown statement 'observe'", "unknown statement")
add(c+"latin1.case", "label pitch\n# title: caf\xe9\n".encode('latin-1'), "parse_error", "2", "invalid UTF-8", "Latin-1 byte")
add(c+"utf16.case", b"\xff\xfe" + "label pitch\n".encode("utf-16-le"), "parse_error", "1", "invalid UTF-8", "UTF-16 file")
add(c+"overlong_utf8.case", b"label pitch\n# title: \xc0\xaf\n", "parse_error", "2", "invalid UTF-8", "overlong UTF-8 encoding of '/'")
add(c+"surrogate_utf8.case", b"label pitch\n# title: \xed\xa0\x80\n", "parse_error", "2", "invalid UTF-8", "UTF-8-encoded surrogate")
add(c+"nul_in_label.case", b"label pitch\x00\n", "parse_error", "1", "label", "NUL byte after the label")
add(c+"second_title.case", "# title: a\n# title: b\nlabel pitch\n", "parse_error", "2", "second '# title:'", "two titles")
add(c+"bad_intent.case", "# intent: curiosity\nlabel pitch\n", "parse_error", "1", "intent", "unknown intent")
add(c+"intent_in_stage.case", "label pitch\nstage a\n# intent: benign\n", "parse_error", "3", "at case level", "intent inside a stage")
add(c+"cycle_not_after_stage.case", "label pitch\n# cycle: spotting\n", "parse_error", "2", "just after a 'stage'", "cycle comment at case level")
add(c+"bad_cycle.case", "label pitch\nstage a\n# cycle: befriending\n", "parse_error", "3", "'# cycle: befriending'", "unknown cycle stage")
add(c+"Bad-Name.case", "label pitch\n", "parse_error", "-", "not a slug", "file name that is not a slug")
# new syntax of issue 15: label unknown, dated stages, uncertain observations `~c`
add(c+"ok_label_unknown.case", "label unknown\nprior_relationship=stranger\n", "ok", "-", "", "a case to score, not to learn from")
add(c+"ok_dated_stages.case", "label pitch\nstage first 2020-02-29\nprior_relationship=stranger\nstage same_day 2020-02-29\nstage later 2021-01-05\n", "ok", "-", "", "dated stages, leap day, two on one day")
add(c+"ok_soft_observation.case", "label benign\nofficial_cover=none~0.7\nstage a\nofficial_cover=none~1\nflattery=yes~.25\n", "ok", "-", "", "uncertain observations, ~1 and a leading-dot number")
add(c+"label_unknown_twice.case", "label unknown\nlabel unknown\n", "parse_error", "2", "second 'label'", "label unknown twice")
add(c+"bad_label_word.case", "label unsure\n", "parse_error", "1", "or 'unknown'", "label value unknown, listing unknown")
add(c+"date_not_iso.case", "label pitch\nstage a 2020-3-1\n", "parse_error", "2", "not an ISO date", "date without leading zeros")
add(c+"date_day_format.case", "label pitch\nstage a 01.03.2020\n", "parse_error", "2", "not an ISO date", "date in day.month.year")
add(c+"date_feb_30.case", "label pitch\nstage a 2021-02-29\n", "parse_error", "2", "February 2021 has 28 days", "29 February outside a leap year")
add(c+"date_month_13.case", "label pitch\nstage a 2020-13-01\n", "parse_error", "2", "no month 13", "month 13")
add(c+"date_out_of_order.case", "label pitch\nstage a 2020-03-01\nstage b 2020-02-28\n", "parse_error", "3", "before stage 'a'", "dates out of order")
add(c+"date_missing_later.case", "label pitch\nstage a 2020-03-01\nstage b\n", "parse_error", "3", "date every stage or none", "a dated stage then an undated one")
add(c+"date_missing_first.case", "label pitch\nstage a\nstage b 2020-03-01\n", "parse_error", "3", "date every stage or none", "an undated stage then a dated one")
add(c+"date_extra_word.case", "label pitch\nstage a 2020-03-01 evening\n", "parse_error", "2", "more than a name and a date", "text after the date")
add(c+"soft_no_number.case", "label pitch\nflattery=yes~\n", "parse_error", "2", "without a confidence", "'~' without a number")
add(c+"soft_zero.case", "label pitch\nflattery=yes~0\n", "parse_error", "2", "outside (0, 1]", "confidence 0")
add(c+"soft_above_one.case", "label pitch\nflattery=yes~1.5\n", "parse_error", "2", "outside (0, 1]", "confidence above 1")
add(c+"soft_negative.case", "label pitch\nflattery=yes~-0.5\n", "parse_error", "2", "confidence '-0.5'", "negative confidence")
add(c+"soft_word.case", "label pitch\nflattery=yes~likely\n", "parse_error", "2", "confidence 'likely'", "confidence as a word")
add(c+"soft_percent.case", "label pitch\nflattery=yes~70%\n", "parse_error", "2", "confidence '70%'", "confidence as a percentage")
add(c+"soft_two_tildes.case", "label pitch\nflattery=yes~0.5~0.5\n", "parse_error", "2", "confidence '0.5~0.5'", "two '~'")
add(c+"soft_nan.case", "label pitch\nflattery=yes~nan\n", "parse_error", "2", "confidence 'nan'", "NaN confidence")
add(c+"soft_authority_flag.case", "label pitch\nstage exposure\nauthority_flag=flagged~0.9\n", "parse_error", "3", "authority_flag takes no '~'", "'~' on the authority flag")
add(c+"soft_unknown_state.case", "label pitch\nflattery=perhaps~0.7\n", "parse_error", "2", "no state 'perhaps'", "unknown state with a confidence")
add(c+"soft_blank_before_tilde.case", "label pitch\nflattery=yes ~0.7\n", "parse_error", "2", "has blanks", "blank before '~'")
add(c+"trailing_comment.case", "label pitch\nflattery=yes # seen twice\n", "parse_error", "2", "trailing comment", "a comment after an evidence line")
add(c+"trailing_comment_label.case", "label pitch  # sure\n", "parse_error", "1", "trailing comment", "a comment after the label")

# ---------------- .ref ----------------
r = "ref/"
RGOOD = "# a comment\ncase 0\nevidence\nlogpe 0\nmarginal a 0.5 0.5\nend\ncase 1\nevidence a=yes b=>=7.5\nlogpe -1.5e-3\nmarginal c 0.25 0.75\nmpe -2.5 c=no\nend\n"
add(r+"ok_crlf.ref", RGOOD.replace("\n", "\r\n"), "ok", "-", "", "CRLF line ends")
add(r+"ok_tabs.ref", RGOOD.replace(" ", "\t"), "ok", "-", "", "tabs between tokens")
add(r+"ok_blank_lines.ref", RGOOD.replace("\n", "\n\n   \n"), "ok", "-", "", "blank and blank-only lines")
add(r+"ok_plus_and_exponent.ref", "case 0\nevidence\nlogpe +1E-5\nmarginal a 1e-320 1\nend\n", "ok", "-", "", "'+' sign, capital exponent, subnormal")
add(r+"ok_no_final_newline.ref", "case 0\nevidence\nend", "ok", "-", "", "no newline after the last 'end'")
add(r+"empty.ref", "", "ok", "-", "", "empty file: zero cases")
add(r+"outside_case.ref", "marginal a 0.5 0.5\n", "parse_error", "1", "outside a case", "marginal before any case")
add(r+"case_in_case.ref", "case 0\nevidence\ncase 1\n", "parse_error", "3", "missing 'end'", "case inside a case")
add(r+"missing_end.ref", "case 0\nevidence\nlogpe 0\n", "parse_error", "1", "has no 'end'", "file ends inside a case")
add(r+"truncated_mid_line.ref", "case 0\nevidence a=yes\nlogpe -1e", "parse_error", "3", "bad number '-1e'", "cut inside a number")
add(r+"case_negative.ref", "case -1\nevidence\nend\n", "parse_error", "1", "bad case number '-1'", "negative case number")
add(r+"case_word.ref", "case one\nevidence\nend\n", "parse_error", "1", "bad case number 'one'", "case number is a word")
add(r+"case_overflow.ref", "case 99999999999999999999999\nevidence\nend\n", "parse_error", "1", "bad case number", "case number beyond long")
add(r+"case_no_number.ref", "case\nevidence\nend\n", "parse_error", "1", "expected 'case <number>'", "case without a number")
add(r+"no_evidence_line.ref", "case 0\nlogpe 0\nend\n", "parse_error", "3", "no 'evidence' line", "case without an evidence line")
add(r+"two_evidence.ref", "case 0\nevidence\nevidence a=b\nend\n", "parse_error", "3", "second 'evidence'", "two evidence lines")
add(r+"assignment_no_eq.ref", "case 0\nevidence a\nend\n", "parse_error", "2", "expected VAR=STATE", "evidence token without '='")
add(r+"assignment_no_var.ref", "case 0\nevidence =b\nend\n", "parse_error", "2", "expected VAR=STATE", "evidence token without a variable")
add(r+"assignment_no_state.ref", "case 0\nevidence a=\nend\n", "parse_error", "2", "expected VAR=STATE", "evidence token without a state")
add(r+"duplicate_evidence.ref", "case 0\nevidence a=x a=y\nend\n", "parse_error", "2", "appears twice", "one variable twice in the evidence")
add(r+"logpe_nan.ref", "case 0\nevidence\nlogpe nan\nend\n", "parse_error", "3", "bad number 'nan'", "NaN logpe")
add(r+"logpe_inf.ref", "case 0\nevidence\nlogpe -inf\nend\n", "parse_error", "3", "bad number '-inf'", "infinite logpe")
add(r+"logpe_overflow.ref", "case 0\nevidence\nlogpe 1e999\nend\n", "parse_error", "3", "bad number '1e999'", "logpe overflow")
add(r+"logpe_hex.ref", "case 0\nevidence\nlogpe 0x10\nend\n", "parse_error", "3", "bad number '0x10'", "hexadecimal logpe")
add(r+"logpe_decimal_comma.ref", "case 0\nevidence\nlogpe 0,5\nend\n", "parse_error", "3", "bad number '0,5'", "decimal comma")
add(r+"logpe_missing.ref", "case 0\nevidence\nlogpe\nend\n", "parse_error", "3", "expected 'logpe <number>'", "logpe without a number")
add(r+"marginal_no_values.ref", "case 0\nevidence\nmarginal a\nend\n", "parse_error", "3", "expected 'marginal", "marginal without values")
add(r+"marginal_bad_value.ref", "case 0\nevidence\nmarginal a 0.5 half\nend\n", "parse_error", "3", "bad number 'half'", "marginal with a word")
add(r+"mpe_missing.ref", "case 0\nevidence\nmpe\nend\n", "parse_error", "3", "expected 'mpe", "mpe without logp")
add(r+"mpe_bad_assignment.ref", "case 0\nevidence\nmpe -1 a\nend\n", "parse_error", "3", "expected VAR=STATE", "mpe assignment without '='")
add(r+"unknown_keyword.ref", "case 0\nevidence\nposterior a 1\nend\n", "parse_error", "3", "unknown keyword 'posterior'", "unknown keyword")
add(r+"text_after_end.ref", "case 0\nevidence\nend now\n", "parse_error", "3", "after 'end'", "text after end")
add(r+"nul_byte.ref", b"case 0\nevidence a=\x00\nend\n", "parse_error", "2", "NUL byte", "NUL byte in the evidence")
add(r+"duplicate_case_number.ref", "case 3\nevidence\nend\ncase 4\nevidence\nend\ncase 3\nevidence\nend\n", "parse_error", "7", "repeats case 3 of line 1", "two cases numbered 3")
add(r+"utf16.ref", b"\xff\xfe" + "case 0\nevidence\nend\n".encode("utf-16-le"), "parse_error", "1", "NUL byte", "UTF-16 file")

# ---------------- CSV (read against the asia network of tests/support/networks.hpp) ----------------
c = "csv/"
H = "smoke,xray,dysp\n"
add(c+"ok_basic.csv", H + "yes,no,yes\nno,yes,no\n", "ok", "-", "", "plain records")
add(c+"ok_crlf.csv", (H + "yes,no,yes\nno,yes,no\n").replace("\n", "\r\n"), "ok", "-", "", "CRLF line ends")
add(c+"ok_cr_only.csv", (H + "yes,no,yes\nno,yes,no\n").replace("\n", "\r"), "ok", "-", "", "old Mac CR-only line ends")
add(c+"ok_bom.csv", "\ufeff" + H + "yes,no,yes\n", "ok", "-", "", "UTF-8 byte-order mark")
add(c+"ok_missing_tokens.csv", H + ",?,NA\n\"\",no,?\n", "ok", "-", "", "empty, ?, NA and a quoted empty cell are missing")
add(c+"ok_quoted.csv", '"smoke","xray","dysp"\n"yes","no","yes"\n', "ok", "-", "", "every cell quoted")
add(c+"ok_blank_lines.csv", H + "\nyes,no,yes\n\n\nno,no,no\n\n", "ok", "-", "", "blank lines between records")
add(c+"ok_spaces.csv", "smoke , xray,dysp\n yes ,\tno, yes \n", "ok", "-", "", "blanks around unquoted cells")
add(c+"ok_no_trailing_newline.csv", H + "yes,no,yes", "ok", "-", "", "no newline at the end")
add(c+"ok_header_only.csv", H, "ok", "-", "", "a header and no records")
add(c+"ok_column_order.csv", "dysp,asia,tub,smoke\nyes,no,no,yes\n", "ok", "-", "", "columns in another order, some variables absent")
add(c+"ok_all_variables.csv", "asia,tub,smoke,lung,bronc,either,xray,dysp\nno,no,yes,no,yes,no,no,yes\n", "ok", "-", "", "every variable")
add(c+"empty.csv", "", "parse_error", "1", "empty file", "empty file")
add(c+"only_blank_lines.csv", "\n\r\n\n", "parse_error", "1", "empty file", "only blank lines")
add(c+"only_bom.csv", "\ufeff", "parse_error", "1", "empty file", "only a byte-order mark")
add(c+"unknown_state.csv", H + "yes,no,yes\nyes,maybe,no\n", "parse_error", "3", "unknown state 'maybe' of variable 'xray'", "unknown state")
add(c+"unknown_state_case.csv", H + "Yes,no,yes\n", "parse_error", "2", "unknown state 'Yes'", "state names are case-sensitive")
add(c+"unknown_state_quoted_na.csv", H + "yes,\"NA\",yes\n", "parse_error", "2", "unknown state 'NA'", "a quoted NA is a state name, not missing")
add(c+"too_few_cells.csv", H + "yes,no\n", "parse_error", "2", "a row of 2 cells, expected 3", "wrong number of cells (too few)")
add(c+"too_many_cells.csv", H + "yes,no,yes,no\n", "parse_error", "2", "more cells than the header's 3", "wrong number of cells (too many)")
add(c+"trailing_delimiter.csv", H + "yes,no,yes,\n", "parse_error", "2", "more cells than the header's 3", "a trailing delimiter adds a cell")
add(c+"unknown_variable.csv", "smoke,weather\nyes,sunny\n", "parse_error", "1", "unknown variable 'weather'", "unknown variable in the header")
add(c+"duplicate_header.csv", "smoke,xray,smoke\nyes,no,yes\n", "parse_error", "1", "duplicate header: variable 'smoke'", "duplicate header")
add(c+"empty_header_name.csv", "smoke,,xray\nyes,no,yes\n", "parse_error", "1", "empty variable name", "empty header name")
add(c+"unterminated_quote.csv", H + "yes,\"no,yes\nno,no,no\n", "parse_error", "2", "unterminated quoted cell", "a quote never closed")
add(c+"quote_in_unquoted.csv", H + "yes,n\"o,yes\n", "parse_error", "2", "a quote inside an unquoted cell", "bare quote inside a cell")
add(c+"text_after_quote.csv", H + "yes,\"no\"x,yes\n", "parse_error", "2", "after a closing quote", "text after the closing quote")
add(c+"latin1.csv", H.encode() + b"yes,no,s\xed\n", "parse_error", "2", "invalid UTF-8", "Latin-1 byte in a cell")
add(c+"overlong_utf8.csv", b"smoke,\xc0\xafxray\n", "parse_error", "1", "invalid UTF-8", "overlong UTF-8 in the header")
add(c+"utf16le.csv", b"\xff\xfe" + (H + "yes,no,yes\n").encode("utf-16-le"), "parse_error", "1", "invalid UTF-8", "UTF-16 file")
add(c+"nul_byte.csv", H.encode() + b"yes,n\x00o,yes\n", "parse_error", "2", "unknown state", "NUL byte inside a state name")
add(c+"semicolons.csv", "smoke;xray;dysp\nyes;no;yes\n", "parse_error", "1", "unknown variable 'smoke;xray;dysp'", "semicolon-separated file read with ','")
add(c+"numeric_states.csv", H + "0,1,0\n", "parse_error", "2", "unknown state '0' of variable 'smoke'", "states coded as numbers")
add(c+"huge_cell.csv", H + "yes,no," + "y" * 70000 + "\n", "parse_error", "2", "longer than 65536 bytes", "a cell over the length limit")
add(c+"quoted_line_break.csv", H + "yes,\"no\nno\",yes\n", "parse_error", "2", "unknown state", "a quoted cell spanning lines is one cell")
# ---------------- UAI ----------------
u = "uai/"
UGOOD = "BAYES\n2\n2 3\n2\n1 0\n2 0 1\n2\n0.3 0.7\n6\n0.2 0.3 0.5\n0.1 0.1 0.8\n"
add(u+"ok_plain.uai", UGOOD, "ok", "-", "", "a two-variable BAYES model")
add(u+"ok_crlf.uai", UGOOD.replace("\n", "\r\n"), "ok", "-", "", "CRLF line ends")
add(u+"ok_cr_only.uai", UGOOD.replace("\n", "\r"), "ok", "-", "", "old Mac CR-only line ends")
add(u+"ok_comments.uai", "c a 2016 comment line\n# aGrUM comment\n" + UGOOD.replace("2 0 1\n", "2 0 1 # child last\n"), "ok", "-", "", "c and # comments")
add(u+"ok_one_line.uai", UGOOD.replace("\n", " "), "ok", "-", "", "everything on one line")
add(u+"ok_child_first.uai", "BAYES\n2\n2 3\n2\n1 0\n2 1 0\n2\n0.3 0.7\n6\n0.2 0.1 0.3 0.1 0.5 0.8\n", "ok", "-", "", "child-first scopes (bn-pp)")
add(u+"ok_six_decimals.uai", "BAYES\n1\n7\n1\n1 0\n7 0.142857 0.142857 0.142857 0.142857 0.142857 0.142857 0.142857\n", "ok", "-", "", "a table printed with six decimals (sum 0.999999)")
add(u+"ok_bom.uai", "\ufeff" + UGOOD, "ok", "-", "", "UTF-8 byte-order mark")
add(u+"empty.uai", "", "parse_error", "1", "empty file", "empty file")
add(u+"only_comments.uai", "# nothing\nc nothing\n", "parse_error", "3", "empty file", "only comments")
add(u+"wrong_preamble.uai", UGOOD.replace("BAYES", "BAYESIAN"), "parse_error", "1", "expected 'BAYES' or 'MARKOV'", "unknown preamble")
add(u+"sparse.uai", UGOOD.replace("BAYES", "SPARSEBAYES"), "parse_error", "1", "sparse UAI variant", "the sparse variant")
add(u+"markov.uai", "MARKOV\n1\n2\n1\n1 0\n2 1 3\n", "parse_error", "1", "MARKOV model is a factor model", "a MARKOV model read as a network")
add(u+"trunc_preamble.uai", "BAYES\n2\n2", "parse_error", "3", "end of file", "truncated in the domain sizes")
add(u+"trunc_scope.uai", "BAYES\n2\n2 3\n2\n1 0\n2 0", "parse_error", "6", "end of file", "truncated in a scope")
add(u+"trunc_table.uai", UGOOD[:-8], "parse_error", "-", "unexpected end of file in the table of function 1", "truncated in a table")
add(u+"count_not_number.uai", "BAYES\ntwo\n", "parse_error", "2", "the number of variables", "variable count is a word")
add(u+"count_negative.uai", "BAYES\n-2\n", "parse_error", "2", "is negative", "negative variable count")
add(u+"count_huge.uai", "BAYES\n99999999999\n2 2\n", "parse_error", "2", "more than the rest of the file can list", "huge variable count")
add(u+"count_overflow.uai", "BAYES\n999999999999999999999999\n", "parse_error", "2", "out of range", "variable count over 2^64")
add(u+"functions_huge.uai", "BAYES\n1\n2\n88888888888\n", "parse_error", "4", "more than the rest of the file can list", "huge function count")
add(u+"domain_zero.uai", "BAYES\n2\n2 0\n", "parse_error", "3", "domain size 0", "a domain of size 0")
add(u+"domain_huge.uai", "BAYES\n1\n4000000000000\n1\n1 0\n", "size_error", "-", "over the table limit", "a domain too large for any table")
add(u+"table_huge.uai", "BAYES\n4\n100000 100000 100000 100000\n1\n4 0 1 2 3\n", "size_error", "-", "function 0", "a scope whose table would overflow memory")
add(u+"scope_out_of_range.uai", "BAYES\n2\n2 3\n2\n1 0\n2 0 7\n", "parse_error", "6", "out of range", "a scope index past the last variable")
add(u+"scope_duplicate.uai", "BAYES\n2\n2 3\n2\n1 0\n2 1 1\n", "parse_error", "6", "appears twice", "a variable twice in a scope")
add(u+"scope_too_big.uai", "BAYES\n2\n2 3\n2\n1 0\n3 0 1 0\n", "parse_error", "6", "a scope of 3 variables", "a scope larger than the model")
add(u+"table_count_wrong.uai", UGOOD.replace("6\n0.2", "5\n0.2"), "parse_error", "9", "its scope needs 6", "a table count that does not match its scope")
add(u+"extra_table.uai", UGOOD + "2\n0.5 0.5\n", "parse_error", "12", "after the last table", "one table more than declared")
add(u+"num_nan.uai", UGOOD.replace("0.3 0.7", "nan 0.7"), "parse_error", "8", "is NaN", "NaN entry")
add(u+"num_inf.uai", UGOOD.replace("0.3 0.7", "inf 0.7"), "parse_error", "8", "is infinite", "infinite entry")
add(u+"num_negative.uai", UGOOD.replace("0.3 0.7", "-0.3 1.3"), "parse_error", "8", "is negative", "negative entry")
add(u+"num_hex.uai", UGOOD.replace("0.3 0.7", "0x1 0.7"), "parse_error", "8", "hexadecimal", "hexadecimal entry")
add(u+"num_comma.uai", UGOOD.replace("0.3 0.7", "0,3 0,7"), "parse_error", "8", "trailing characters", "decimal commas")
add(u+"num_overflow.uai", UGOOD.replace("0.3 0.7", "1e999 0.7"), "parse_error", "8", "out of range", "entry overflows a double")
add(u+"num_word.uai", UGOOD.replace("0.3 0.7", "0.3 seven"), "parse_error", "8", "is not a number", "a word in a table")
add(u+"column_sum.uai", UGOOD.replace("0.3 0.7", "0.3 0.6"), "model_error", "-", "--lenient", "a column summing to 0.9")
add(u+"column_zero.uai", UGOOD.replace("0.3 0.7", "0 0"), "model_error", "-", "sums to 0", "an all-zero column")
add(u+"entry_above_one.uai", UGOOD.replace("0.3 0.7", "1.5 0.7"), "model_error", "-", "expected a probability", "an entry above 1")
add(u+"two_children.uai", "BAYES\n2\n2 2\n2\n1 0\n1 0\n2 0.5 0.5\n2 0.5 0.5\n", "parse_error", "8", "child (last scope variable) of both", "one variable the child of two functions")
add(u+"functions_short.uai", "BAYES\n2\n2 2\n1\n1 0\n2 0.5 0.5\n", "parse_error", "-", "one function per variable", "fewer functions than variables (BAYES)")
add(u+"cycle.uai", "BAYES\n2\n2 2\n2\n2 1 0\n2 0 1\n4 0.5 0.5 0.5 0.5\n4 0.5 0.5 0.5 0.5\n", "model_error", "-", "cycle", "a directed cycle")
add(u+"nul_byte.uai", UGOOD.replace("0.3 0.7", "0.3\x000.7").encode(), "parse_error", "8", "NUL byte", "NUL byte in a table")
add(u+"utf16.uai", b"\xff\xfe" + UGOOD.encode("utf-16-le"), "parse_error", "1", "NUL byte", "UTF-16 file")
add(u+"binary_garbage.uai", bytes(range(1, 256)), "parse_error", "1", "-", "binary garbage")

# write
index = ["# The bad-input catalogue: one line per file, TAB-separated:",
         "# <file under catalogue/>  <expected: ok | parse_error | model_error | size_error | io_error>",
         "# <line the error must name, '-' for any>  <fragment the message must contain>  <what the file is>",
         "# Run by tests/robustness/catalogue_test.cpp through read_bif / read_uai / read_case / read_reference / read_csv."]
for path, expect, line, frag, data, note in entries:
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f: f.write(data)
    assert "\t" not in frag and "\t" not in note
    index.append("\t".join([path, expect, line, frag if frag else "-", note]))
with open(os.path.join(root, "index.tsv"), "w") as f: f.write("\n".join(index) + "\n")
print(len(entries), "entries")
