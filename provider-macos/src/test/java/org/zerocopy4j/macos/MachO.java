package org.zerocopy4j.macos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few parts of a 64-bit little-endian Mach-O file that say whether macOS will load it as a JNI library: its CPU,
 * the dylibs it links, its symbols, its minimum OS version and its code signature. Layouts are those of Apple's
 * mach-o/loader.h, mach-o/nlist.h and the code signing blobs of xnu's osfmk/kern/cs_blobs.h.
 */
final class MachO {
    static final int MH_MAGIC_64 = 0xfeedfacf;
    static final int MH_DYLIB = 6;
    static final int CPU_TYPE_X86_64 = 0x01000007;
    static final int CPU_TYPE_ARM64 = 0x0100000c;

    static final int LC_SYMTAB = 0x2;
    static final int LC_LOAD_DYLIB = 0xc;
    static final int LC_CODE_SIGNATURE = 0x1d;
    static final int LC_LAZY_LOAD_DYLIB = 0x20;
    static final int LC_BUILD_VERSION = 0x32;
    static final int LC_LOAD_WEAK_DYLIB = 0x80000018;
    static final int LC_REEXPORT_DYLIB = 0x8000001f;
    static final int LC_LOAD_UPWARD_DYLIB = 0x80000023;
    static final List<Integer> DYLIB_LOADS =
            List.of(LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB, LC_LOAD_UPWARD_DYLIB);

    static final int PLATFORM_MACOS = 1;

    /** A load command: its type and where its bytes are in the file. */
    record Command(int cmd, int offset, int size) {
    }

    /** An nlist_64 entry; {@link #ordinal()} is the 1-based index of the dylib an undefined symbol binds to. */
    record Symbol(String name, int type, int desc) {
        static final int N_STAB = 0xe0;
        static final int N_PEXT = 0x10;
        static final int N_TYPE = 0x0e;
        static final int N_EXT = 0x01;
        static final int N_UNDF = 0x0;
        static final int N_SECT = 0xe;

        boolean undefinedExternal() {
            return (type & N_STAB) == 0 && (type & N_TYPE) == N_UNDF && (type & N_EXT) != 0;
        }

        boolean exported() {
            return (type & N_STAB) == 0 && (type & N_TYPE) == N_SECT && (type & N_EXT) != 0 && (type & N_PEXT) == 0;
        }

        int ordinal() {
            return (desc >> 8) & 0xff;
        }
    }

    final ByteBuffer file;
    final int cpuType;
    final int fileType;
    final List<Command> commands = new ArrayList<>();

    /** @throws IllegalArgumentException if {@code bytes} is not a 64-bit little-endian Mach-O file */
    MachO(byte[] bytes) {
        file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 32 || file.getInt(0) != MH_MAGIC_64) {
            throw new IllegalArgumentException("not a 64-bit Mach-O file (magic "
                    + (bytes.length < 4 ? "missing" : String.format("0x%08x", file.getInt(0))) + ")");
        }
        cpuType = file.getInt(4);
        fileType = file.getInt(12);
        int count = file.getInt(16);
        int offset = 32;
        for (int i = 0; i < count; i++) {
            int size = file.getInt(offset + 4);
            if (size < 8 || offset + size > bytes.length) {
                throw new IllegalArgumentException("load command " + i + " runs past the file");
            }
            commands.add(new Command(file.getInt(offset), offset, size));
            offset += size;
        }
    }

    List<Command> commands(int cmd) {
        return commands.stream().filter(c -> c.cmd() == cmd).toList();
    }

    /** The install names of every dylib this file loads, in ordinal order. */
    List<String> dylibs() {
        return commands.stream().filter(c -> DYLIB_LOADS.contains(c.cmd()))
                .map(c -> cString(c.offset() + file.getInt(c.offset() + 8))).toList();
    }

    List<Symbol> symbols() {
        List<Symbol> symbols = new ArrayList<>();
        for (Command c : commands(LC_SYMTAB)) {
            int symoff = file.getInt(c.offset() + 8);
            int nsyms = file.getInt(c.offset() + 12);
            int stroff = file.getInt(c.offset() + 16);
            for (int i = 0; i < nsyms; i++) {
                int entry = symoff + i * 16;
                symbols.add(new Symbol(cString(stroff + file.getInt(entry)), file.get(entry + 4) & 0xff,
                        file.getShort(entry + 6) & 0xffff));
            }
        }
        return symbols;
    }

    /** "major.minor.patch" of LC_BUILD_VERSION's minos for {@code platform}, or null without one. */
    String minimumOs(int platform) {
        for (Command c : commands(LC_BUILD_VERSION)) {
            if (file.getInt(c.offset() + 8) == platform) {
                int v = file.getInt(c.offset() + 12);
                return (v >>> 16) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
            }
        }
        return null;
    }

    private String cString(int at) {
        int end = at;
        while (end < file.limit() && file.get(end) != 0) {
            end++;
        }
        byte[] name = new byte[end - at];
        file.get(at, name);
        return new String(name, StandardCharsets.US_ASCII);
    }
}
