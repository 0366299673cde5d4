/* Host shim: the system header, then kernel/host/compat.h. */
#include_next <linux/limits.h>
#include "../../compat.h"
