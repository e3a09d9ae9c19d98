// The TANGLE_OPTIONS parser (runtime/flags.c): separators, value syntax per
// type, later options overriding earlier ones, and the one-line errors that
// name the offending key; then the same errors through the environment,
// which must stop the program with status 1 before main runs.
//
// RUN: %unit_cc %s -o %t %unit_libs
// RUN: %t | FileCheck %s
// RUN: env TANGLE_OPTIONS=exitcode=3:halt_on_eror=1 %expect_exit 1 %t 2>&1 \
// RUN:   | FileCheck --check-prefix=ENV-KEY --implicit-check-not=main %s
// RUN: env TANGLE_OPTIONS='verbosity=2 symbolize=maybe' %expect_exit 1 %t 2>&1 \
// RUN:   | FileCheck --check-prefix=ENV-VALUE --implicit-check-not=main %s
// RUN: env TANGLE_OPTIONS='exitcode=7,halt_on_error=yes' %t | FileCheck --check-prefix=ENV-OK %s
#include <stdio.h>

#include "tg.h"

static void try_parse(const char *s) {
  tg_flags_t f;
  char err[256];
  tg_flags_set_defaults(&f);
  if (tg_flags_parse(&f, s, err, sizeof(err)))
    printf("ok [%s]: exitcode=%ld halt_on_error=%d report_path='%s' symbolize=%d "
           "verbosity=%ld\n", s, f.exitcode, f.halt_on_error, f.report_path,
           f.symbolize, f.verbosity);
  else
    printf("error [%s]: %s\n", s, err);
}

int main(void) {
  printf("main: exitcode=%ld halt_on_error=%d\n", tg_flags.exitcode,
         tg_flags.halt_on_error);
  // ENV-OK: main: exitcode=7 halt_on_error=1

  try_parse("");
  // CHECK: ok []: exitcode=66 halt_on_error=0 report_path='' symbolize=1 verbosity=0
  try_parse("exitcode=1:halt_on_error=1:report_path=out/t");
  // CHECK: ok [exitcode=1:halt_on_error=1:report_path=out/t]: exitcode=1 halt_on_error=1 report_path='out/t' symbolize=1 verbosity=0
  try_parse(" exitcode=-5 ,, symbolize=false\tverbosity=+2\n");
  // CHECK: ok [ exitcode=-5 ,, symbolize=false{{.}}verbosity=+2{{$}}
  // CHECK-NEXT: ]: exitcode=-5 halt_on_error=0 report_path='' symbolize=0 verbosity=2
  try_parse("halt_on_error=YES:symbolize=no:halt_on_error=0:exitcode=9:exitcode=10");
  // CHECK: exitcode=10 halt_on_error=0 report_path='' symbolize=0
  try_parse("report_path='a b:c'");
  // CHECK: ok [report_path='a b:c']: {{.*}} report_path='a b:c' symbolize=1
  try_parse("report_path=");
  // CHECK: ok [report_path=]: {{.*}} report_path='' symbolize=1

  try_parse("exitcode=1:colour=1");
  // CHECK: error [exitcode=1:colour=1]: unknown option 'colour'
  try_parse("halt_on_error");
  // CHECK: error [halt_on_error]: missing value for option 'halt_on_error' (expected halt_on_error=VALUE)
  try_parse("halt_on_error=2");
  // CHECK: error [halt_on_error=2]: bad value '2' for option 'halt_on_error' (expected bool)
  try_parse("exitcode=12abc");
  // CHECK: error [exitcode=12abc]: bad value '12abc' for option 'exitcode' (expected int)
  try_parse("exitcode=");
  // CHECK: error [exitcode=]: bad value '' for option 'exitcode' (expected int)
  try_parse("exitcode=99999999999999999999999");
  // CHECK: error [{{.*}}]: bad value '99999999999999999999999' for option 'exitcode' (expected int)
  try_parse("report_path=\"unterminated");
  // CHECK: error [{{.*}}]: unterminated quote in value of option 'report_path'
  return 0;
}

// ENV-KEY: tangle: TANGLE_OPTIONS: unknown option 'halt_on_eror'
// ENV-VALUE: tangle: TANGLE_OPTIONS: bad value 'maybe' for option 'symbolize' (expected bool)
