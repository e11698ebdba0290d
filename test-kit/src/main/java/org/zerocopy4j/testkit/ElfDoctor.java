package org.zerocopy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Copies of a built ELF library with one fact changed, to show each {@link ElfChecks} check failing. */
public final class ElfDoctor {
    private ElfDoctor() {
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code bytes} with every occurrence of {@code from} replaced by the same-length {@code to}. */
    public static byte[] replace(byte[] bytes, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.US_ASCII);
        byte[] b = to.getBytes(StandardCharsets.US_ASCII);
        if (a.length != b.length) {
            throw new IllegalArgumentException("not the same length: " + from + ", " + to);
        }
        byte[] copy = bytes.clone();
        int found = 0;
        for (int i = 0; i + a.length <= copy.length; i++) {
            if (ByteBuffer.wrap(copy, i, a.length).equals(ByteBuffer.wrap(a))) {
                System.arraycopy(b, 0, copy, i, b.length);
                found++;
            }
        }
        final int n = found;
        assertTrue(n > 0, () -> from + " is not in the file");
        return copy;
    }

    /** One byte at a file offset set to a value. */
    public static byte[] setByte(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    /** The 16-bit e_type or e_machine (offset 16 or 18) set to a value. */
    public static byte[] setHalf(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        le(copy).putShort(offset, (short) value);
        return copy;
    }

    /** The file offset of the program header of the {@code n}th PT_LOAD. */
    private static int loadHeader(byte[] bytes, int n) {
        ByteBuffer b = le(bytes);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        int seen = 0;
        for (int i = 0; i < phnum; i++) {
            int p = Math.toIntExact(phoff + (long) i * phentsize);
            if (b.getInt(p) == Elf.PT_LOAD && seen++ == n) {
                return p;
            }
        }
        throw new IllegalArgumentException("no PT_LOAD number " + n);
    }

    /** The {@code n}th PT_LOAD's p_offset (field offset 8) or p_align (48) set to a value. */
    public static byte[] setLoadField(byte[] bytes, int n, int field, long value) {
        byte[] copy = bytes.clone();
        le(copy).putLong(loadHeader(copy, n) + field, value);
        return copy;
    }

    /** The first dynamic entry with tag {@code from} given tag {@code to} (its value kept). */
    public static byte[] retag(byte[] bytes, long from, long to) {
        byte[] copy = bytes.clone();
        Elf elf = new Elf(copy);
        for (Elf.Segment s : elf.segments) {
            if (s.type() == Elf.PT_DYNAMIC) {
                for (long p = s.offset(); p < s.offset() + s.fileSize(); p += 16) {
                    if (elf.bytes.getLong((int) p) == from) {
                        le(copy).putLong((int) p, to);
                        return copy;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no dynamic tag 0x" + Long.toHexString(from));
    }

    /** The value of the first dynamic entry with {@code tag} or'ed with {@code bits}. */
    public static byte[] orDynamic(byte[] bytes, long tag, long bits) {
        byte[] copy = bytes.clone();
        Elf elf = new Elf(copy);
        for (Elf.Segment s : elf.segments) {
            if (s.type() == Elf.PT_DYNAMIC) {
                for (long p = s.offset(); p < s.offset() + s.fileSize(); p += 16) {
                    if (elf.bytes.getLong((int) p) == tag) {
                        le(copy).putLong((int) p + 8, elf.bytes.getLong((int) p + 8) | bits);
                        return copy;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no dynamic tag 0x" + Long.toHexString(tag));
    }

    /** The dynamic symbol {@code name}'s DT_VERSYM entry set to {@code index} (1: unversioned global). */
    public static byte[] setVersion(byte[] bytes, String name, int index) {
        byte[] copy = bytes.clone();
        Elf elf = new Elf(copy);
        int i = symbolIndex(elf, name);
        le(copy).putShort(elf.offsetOf(elf.values(Elf.DT_VERSYM).get(0)) + 2 * i, (short) index);
        return copy;
    }

    /** The dynamic symbol {@code name}'s section index set to {@code shndx} (non-zero: a definition, exported). */
    public static byte[] setSection(byte[] bytes, String name, int shndx) {
        byte[] copy = bytes.clone();
        Elf elf = new Elf(copy);
        int i = symbolIndex(elf, name);
        le(copy).putShort(elf.offsetOf(elf.values(Elf.DT_SYMTAB).get(0)) + 24 * i + 6, (short) shndx);
        return copy;
    }

    private static int symbolIndex(Elf elf, String name) {
        int i = 1;
        for (Elf.Symbol s : elf.dynamicSymbols()) {
            if (s.name().equals(name)) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("no dynamic symbol " + name);
    }
}
