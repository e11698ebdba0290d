#!/bin/sh
# Inside a FreeBSD, DragonFly or OmniOS VM: build provider-$1's library on its own OS and run its tests and the
# behaviour suite against it. The other modules are installed without their native builds, which need Linux.
set -eu
provider="$1"
others=$(for m in linux macos bsd solaris aix; do [ "$m" = "$provider" ] || printf 'provider-%s,' "$m"; done)
mvn -B install -DskipTests -Dexec.skip=true -pl "${others%,}" -am
mvn -B verify -DskipITs -pl "provider-$provider,integration-tests" -Dzerocopy4j.provider="$provider"
