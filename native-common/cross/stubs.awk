# Generates link-time stub libraries from a cross/<os>.symbols list (see native-common/cross.mk). Each line:
#   <library soname> <version> <symbol> [tls]
# For each library: <out>/<soname>.c (a definition per symbol: a function, or a thread-local int for "tls"),
# <out>/<soname>.map (a version script giving every symbol its version), and its name in <out>/libraries.
/^[ \t]*(#|$)/ { next }
{
    lib = $1; version = $2; symbol = $3; kind = $4
    if (!(lib in seen)) {
        seen[lib] = 1
        libs[++nlibs] = lib
        print "/* generated from the symbol list; never run */" > (out "/" lib ".c")
    }
    if (kind == "tls") {
        print "__thread int " symbol ";" > (out "/" lib ".c")
    } else {
        print "void " symbol "(void) {}" > (out "/" lib ".c")
    }
    key = lib SUBSEP version
    if (!(key in members)) {
        order[lib] = order[lib] " " version
    }
    members[key] = members[key] "\t" symbol ";\n"
}
END {
    for (i = 1; i <= nlibs; i++) {
        lib = libs[i]
        map = out "/" lib ".map"
        printf "" > map
        n = split(order[lib], versions, " ")
        for (j = 1; j <= n; j++) {
            printf "%s {\n  global:\n%s};\n", versions[j], members[lib SUBSEP versions[j]] > map
        }
        print lib > (out "/libraries")
    }
}
