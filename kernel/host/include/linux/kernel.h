/* Host shim: the system header, then kernel/host/compat.h. */
#include_next <linux/kernel.h>
#include "../../compat.h"
