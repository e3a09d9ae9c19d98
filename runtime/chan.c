/* chan.c — channels, per message (DESIGN §4).  Being written. */
#include "tg.h"
