/* canting-i18n.h: gettext for the core.  The core's messages reach people
 * (errors, report headings), so they are translated like the UI's. */
#pragma once

#include "config.h"
#include <glib/gi18n-lib.h>
