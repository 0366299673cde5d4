/* Host shim: the system header, then kernel/host/compat.h. */
#include_next <linux/types.h>
#include "../../compat.h"
