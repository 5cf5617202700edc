/* canting-error.c: the core's error domain. */
#include "canting-error.h"

G_DEFINE_QUARK (canting-error-quark, canting_error)
