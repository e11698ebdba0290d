package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.TestFiles;

/**
 * A copy within one file whose source and target ranges overlap gives exactly what {@code memmove} gives, with every
 * provider: whether the target lies after the source or before it, by a few bytes or by more than any internal buffer,
 * through one channel or two channels on the same file, at explicit offsets or at a channel's position, by copyRange,
 * splice or sendfile (from a file to a file, which writes at the output's position). A copy loop
 * (each call continuing where the last stopped) ends with the same file.
 */
class SelfCopyBehaviourTest {
    private static final int SIZE = 2 * 1024 * 1024 + 300_000;
    private static final int BASE = 10_000;
    private static final int COUNT = 1_300_000;
    private static final int[] SHIFTS = {100, 4096, 200_000, 1024 * 1024};

    @TempDir
    Path dir;

    /** SENDFILE writes at the output's position always, so only the input's offset varies. */
    enum Op { COPY_RANGE, SPLICE, SENDFILE }

    enum Ends { ONE_CHANNEL, TWO_CHANNELS }

    /** Which offsets are explicit: both, or the input's or the output's is the channel's position. */
    enum At { OFFSETS, INPUT_POSITION, OUTPUT_POSITION }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String provider : AvailableProviders.names()) {
            for (Op op : Op.values()) {
                for (Ends ends : Ends.values()) {
                    for (At at : At.values()) {
                        if (op == Op.SENDFILE && (at == At.OFFSETS || ends == Ends.ONE_CHANNEL
                                && at == At.INPUT_POSITION)) {
                            continue; // sendfile has no output offset; one channel has one position
                        }
                        all.add(Arguments.of(provider, op, ends, at));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void anOverlappingCopyWithinOneFileIsAMemmove(String provider, Op op, Ends ends, At at) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        List<String> wrong = new ArrayList<>();
        for (int shift : SHIFTS) {
            for (boolean targetAfter : new boolean[] {true, false}) {
                int from = targetAfter ? BASE : BASE + shift;
                int to = targetAfter ? BASE + shift : BASE;
                Path file = TestFiles.withPattern(dir, SIZE);
                byte[] want = Files.readAllBytes(file);
                System.arraycopy(want, from, want, to, COUNT);
                try (FileChannel a = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        FileChannel b = ends == Ends.ONE_CHANNEL ? a
                                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    FileChannel in = a;
                    FileChannel out = b;
                    if (at == At.INPUT_POSITION) {
                        in.position(from);
                    }
                    if (at == At.OUTPUT_POSITION || op == Op.SENDFILE) {
                        out.position(to);
                    }
                    long done = 0;
                    while (done < COUNT) {
                        long inOffset = at == At.INPUT_POSITION ? ZeroCopy.POSITION : from + done;
                        long outOffset = at == At.OUTPUT_POSITION ? ZeroCopy.POSITION : to + done;
                        long n = op == Op.COPY_RANGE ? zc.copyRange(in, inOffset, out, outOffset, COUNT - done)
                                : op == Op.SPLICE ? zc.splice(in, inOffset, out, outOffset, COUNT - done)
                                : zc.sendfile(out, in, inOffset, COUNT - done);
                        assertTrue(n > 0, "a copy inside the file returned " + n + " after " + done + " bytes");
                        done += n;
                    }
                    if (at == At.INPUT_POSITION) {
                        assertEquals(from + COUNT, in.position(), "the input's position");
                    }
                    if (at == At.OUTPUT_POSITION || op == Op.SENDFILE) {
                        assertEquals(to + COUNT, out.position(), "the output's position");
                    }
                }
                String diff = difference(want, Files.readAllBytes(file));
                if (diff != null) {
                    wrong.add("shift " + shift + (targetAfter ? " forward" : " backward") + ": " + diff);
                }
                Files.delete(file);
            }
        }
        if (!wrong.isEmpty()) {
            fail("the file differs from memmove's result:\n  " + String.join("\n  ", wrong));
        }
    }

    private static String difference(byte[] want, byte[] got) {
        if (want.length != got.length) {
            return "length " + got.length + ", want " + want.length;
        }
        int first = -1;
        int count = 0;
        for (int i = 0; i < want.length; i++) {
            if (want[i] != got[i]) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        return count == 0 ? null : count + " bytes wrong, the first at offset " + first + " (got " + got[first]
                + ", want " + want[first] + ")";
    }
}
