package org.zerocopy4j.bench;

import java.util.List;

/**
 * A set of variants doing the same transfer, interleaved in one run so their ratios are comparable.
 *
 * @param path      the path number (1-6)
 * @param id        stable name, e.g. {@code file-socket-256m}
 * @param title     what the table heads the rows with
 * @param perCall   true for many small transfers: reported per call rather than per GB
 * @param cRef      the C variant every row is divided by, or null
 * @param jdkRef    the JDK variant a Java user would use instead, or null
 * @param variants  the variants, in table order
 * @param notes     what the reader must know (skips, caveats)
 */
public record Scenario(int path, String id, String title, boolean perCall, String cRef, String jdkRef,
        List<Variant> variants, List<String> notes) {

    public Variant variant(String variantId) {
        for (Variant v : variants) {
            if (v.id().equals(variantId)) {
                return v;
            }
        }
        throw new IllegalArgumentException("scenario " + id + " has no variant " + variantId + "; it has "
                + variants.stream().map(Variant::id).toList());
    }
}
