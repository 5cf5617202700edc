/* fuzz.h: what every fuzz harness in this folder defines.
 *
 * Built with clang and -fsanitize=fuzzer (meson -Dfuzzing=true), libFuzzer
 * supplies main() and calls these; in the ordinary build, replay-main.c
 * does, over the seed corpus and the regressions, so every input that
 * once crashed stays a test. */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A harness found a wrong answer (not a crash): stop so the engine keeps
 * the input.  abort() is what libFuzzer and the sanitizers report. */
#define FUZZ_CHECK(cond) \
  do { if (!(cond)) { fprintf (stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); abort (); } } while (0)

/* A GLib warning or critical is a bug the fuzzer should keep the input
 * of.  Made fatal by G_DEBUG it would be a SIGTRAP, which libFuzzer does
 * not catch; abort() it is, which libFuzzer reports with the input.
 * @tolerated_domain (nullable): a log domain whose criticals are only
 * printed, for a bug known and reported but not yet fixed. */
static void
fuzz_log_handler (const gchar    *domain,
                  GLogLevelFlags  level,
                  const gchar    *message,
                  gpointer        tolerated_domain)
{
  if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return;
  fprintf (stderr, "%s: %s\n", domain != NULL ? domain : "(no domain)", message);
  if (tolerated_domain != NULL && domain != NULL && g_str_equal (domain, tolerated_domain) &&
      !(level & G_LOG_LEVEL_ERROR))
    return;
  abort ();
}

static inline void
fuzz_setup_logging (const char *tolerated_domain)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_default_handler (fuzz_log_handler, (gpointer) tolerated_domain);
}
