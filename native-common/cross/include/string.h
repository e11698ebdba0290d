/* Cross builds (native-common/cross.mk): every OS header the cores include resolves to the target's declarations. */
#include <zc_cross_os.h>
