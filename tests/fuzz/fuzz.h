/* fuzz.h: what every fuzz harness in this folder defines.
 *
 * Built with clang and -fsanitize=fuzzer (meson -Dfuzzing=true), libFuzzer
 * supplies main() and calls these; in the ordinary build, replay-main.c
 * does, over the seed corpus and the regressions, so every input that
 * once crashed stays a test. */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A harness found a wrong answer (not a crash): stop so the engine keeps
 * the input.  abort() is what libFuzzer and the sanitizers report. */
#define FUZZ_CHECK(cond) \
  do { if (!(cond)) { fprintf (stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); abort (); } } while (0)
