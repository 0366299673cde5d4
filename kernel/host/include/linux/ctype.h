/* Host shim: see kernel/host/compat.h. */
#include "../../compat.h"
