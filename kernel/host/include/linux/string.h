/* Host shim: the system header, then kernel/host/compat.h. */
#include_next <linux/string.h>
#include "../../compat.h"
