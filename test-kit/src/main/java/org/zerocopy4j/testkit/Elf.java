package org.zerocopy4j.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a 64-bit little-endian ELF shared object that a dynamic loader reads, parsed from its bytes on any OS:
 * the header, the program headers, the dynamic section (found through PT_DYNAMIC, as a loader finds it) and the
 * dynamic symbols with their versions. Only what {@link ElfChecks} asks about; no section is trusted over the segments
 * except for the count of dynamic symbols, and the .dynsym section must be where DT_SYMTAB says.
 */
public final class Elf {
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int ET_DYN = 3;
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final long DT_NULL = 0;
    public static final long DT_NEEDED = 1;
    public static final long DT_HASH = 4;
    public static final long DT_STRTAB = 5;
    public static final long DT_SYMTAB = 6;
    public static final long DT_SONAME = 14;
    public static final long DT_RPATH = 15;
    public static final long DT_TEXTREL = 22;
    public static final long DT_RUNPATH = 29;
    public static final long DT_FLAGS = 30;
    public static final long DF_TEXTREL = 0x4;
    public static final long DT_GNU_HASH = 0x6ffffef5L;
    public static final long DT_VERSYM = 0x6ffffff0L;
    public static final long DT_VERNEED = 0x6ffffffeL;
    public static final long DT_VERNEEDNUM = 0x6fffffffL;
    private static final int SHT_DYNSYM = 11;

    /** One program header. */
    public record Segment(int type, long offset, long vaddr, long fileSize, long align) {
    }

    /** One dynamic entry. */
    public record Dynamic(long tag, long value) {
    }

    /**
     * One dynamic symbol: defined (a section index other than 0), its binding (0 local, 1 global, 2 weak), and for an
     * import the library and version its versym entry names (null when unversioned).
     */
    public record Symbol(String name, boolean defined, int binding, int type, String library, String version) {
    }

    public final ByteBuffer bytes;
    public final int elfClass;
    public final int data;
    public final int type;
    public final int machine;
    public final List<Segment> segments = new ArrayList<>();
    public final List<Dynamic> dynamic = new ArrayList<>();

    /** Parses the header and segments; anything that is not a readable ELF64 LSB file fails with its reason. */
    public Elf(byte[] file) {
        bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 64 || bytes.getInt(0) != 0x464c457f) {
            throw new IllegalArgumentException("not an ELF file (no \\177ELF magic)");
        }
        elfClass = file[4];
        data = file[5];
        type = bytes.getShort(16) & 0xffff;
        machine = bytes.getShort(18) & 0xffff;
        if (elfClass != 2 || data != 1) {
            return; // the checks say which; nothing below may be read as ELF64 LSB
        }
        long phoff = bytes.getLong(32);
        int phentsize = bytes.getShort(54) & 0xffff;
        int phnum = bytes.getShort(56) & 0xffff;
        for (int i = 0; i < phnum; i++) {
            int p = Math.toIntExact(phoff + (long) i * phentsize);
            segments.add(new Segment(bytes.getInt(p), bytes.getLong(p + 8), bytes.getLong(p + 16),
                    bytes.getLong(p + 32), bytes.getLong(p + 48)));
        }
        for (Segment s : segments) {
            if (s.type() == PT_DYNAMIC) {
                for (long p = s.offset(); p + 16 <= s.offset() + s.fileSize(); p += 16) {
                    Dynamic d = new Dynamic(bytes.getLong((int) p), bytes.getLong((int) p + 8));
                    if (d.tag() == DT_NULL) {
                        break;
                    }
                    dynamic.add(d);
                }
            }
        }
    }

    /** The values of every dynamic entry with {@code tag}, in order. */
    public List<Long> values(long tag) {
        return dynamic.stream().filter(d -> d.tag() == tag).map(Dynamic::value).toList();
    }

    /** The file offset of a virtual address inside a PT_LOAD segment. */
    public int offsetOf(long vaddr) {
        for (Segment s : segments) {
            if (s.type() == PT_LOAD && vaddr >= s.vaddr() && vaddr < s.vaddr() + s.fileSize()) {
                return Math.toIntExact(vaddr - s.vaddr() + s.offset());
            }
        }
        throw new IllegalArgumentException(String.format("address 0x%x is in no PT_LOAD segment", vaddr));
    }

    /** The NUL-terminated string at {@code index} in the dynamic string table. */
    public String dynamicString(long index) {
        int start = offsetOf(single(DT_STRTAB)) + Math.toIntExact(index);
        int end = start;
        while (bytes.get(end) != 0) {
            end++;
        }
        return new String(bytes.array(), start, end - start, StandardCharsets.UTF_8);
    }

    /** The strings of every DT_NEEDED entry. */
    public List<String> needed() {
        return values(DT_NEEDED).stream().map(this::dynamicString).toList();
    }

    /** The DT_SONAME string, or null. */
    public String soname() {
        List<Long> v = values(DT_SONAME);
        return v.isEmpty() ? null : dynamicString(v.get(0));
    }

    /** Every dynamic symbol but the null one, with its version from DT_VERSYM and DT_VERNEED. */
    public List<Symbol> dynamicSymbols() {
        long shoff = bytes.getLong(40);
        int shentsize = bytes.getShort(58) & 0xffff;
        int shnum = bytes.getShort(60) & 0xffff;
        int symtab = offsetOf(single(DT_SYMTAB));
        int count = -1;
        for (int i = 0; i < shnum; i++) {
            int sh = Math.toIntExact(shoff + (long) i * shentsize);
            if (bytes.getInt(sh + 4) == SHT_DYNSYM && bytes.getLong(sh + 24) == symtab) {
                count = Math.toIntExact(bytes.getLong(sh + 32) / 24);
            }
        }
        if (count < 0) {
            throw new IllegalArgumentException("no .dynsym section at DT_SYMTAB");
        }
        List<Long> versym = values(DT_VERSYM);
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int s = symtab + 24 * i;
            String name = dynamicString(Integer.toUnsignedLong(bytes.getInt(s)));
            int info = bytes.get(s + 4) & 0xff;
            boolean defined = (bytes.getShort(s + 6) & 0xffff) != 0;
            String library = null;
            String version = null;
            if (!versym.isEmpty()) {
                int index = bytes.getShort(offsetOf(versym.get(0)) + 2 * i) & 0x7fff;
                if (index > 1) {
                    String[] needed = versionNeeded(index);
                    if (needed != null) {
                        library = needed[0];
                        version = needed[1];
                    }
                }
            }
            symbols.add(new Symbol(name, defined, info >> 4, info & 0xf, library, version));
        }
        return symbols;
    }

    /** The library and version name DT_VERNEED gives version index {@code index}, or null. */
    private String[] versionNeeded(int index) {
        List<Long> verneed = values(DT_VERNEED);
        if (verneed.isEmpty()) {
            return null;
        }
        int vn = offsetOf(verneed.get(0));
        while (true) {
            int auxCount = bytes.getShort(vn + 2) & 0xffff;
            String file = dynamicString(Integer.toUnsignedLong(bytes.getInt(vn + 4)));
            int aux = vn + bytes.getInt(vn + 8);
            for (int a = 0; a < auxCount; a++) {
                if ((bytes.getShort(aux + 6) & 0x7fff) == index) {
                    return new String[] {file, dynamicString(Integer.toUnsignedLong(bytes.getInt(aux + 8)))};
                }
                aux += bytes.getInt(aux + 12);
            }
            int next = bytes.getInt(vn + 12);
            if (next == 0) {
                return null;
            }
            vn += next;
        }
    }

    private long single(long tag) {
        List<Long> v = values(tag);
        if (v.size() != 1) {
            throw new IllegalArgumentException("dynamic tag 0x" + Long.toHexString(tag) + " appears " + v.size()
                    + " times, not once");
        }
        return v.get(0);
    }
}
