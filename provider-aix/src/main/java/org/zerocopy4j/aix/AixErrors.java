package org.zerocopy4j.aix;

import org.zerocopy4j.NativeIOException;

/** AIX errno names and descriptions for the errors a transfer can meet (sys/errno.h). */
final class AixErrors {
    private AixErrors() {
    }

    static NativeIOException exception(String call, int errno) {
        return new NativeIOException(call, errno, name(errno), description(errno));
    }

    static String name(int errno) {
        switch (errno) {
            case 4: return "EINTR";
            case 5: return "EIO";
            case 9: return "EBADF";
            case 11: return "EAGAIN";
            case 12: return "ENOMEM";
            case 14: return "EFAULT";
            case 22: return "EINVAL";
            case 32: return "EPIPE";
            case 57: return "ENOTSOCK";
            case 64: return "EOPNOTSUPP";
            case 73: return "ECONNRESET";
            case 74: return "ENOBUFS";
            case 76: return "ENOTCONN";
            case 78: return "ETIMEDOUT";
            default: return "errno " + errno;
        }
    }

    private static String description(int errno) {
        switch (errno) {
            case 4: return "Interrupted system call";
            case 5: return "I/O error";
            case 9: return "Bad file descriptor";
            case 11: return "Resource temporarily unavailable";
            case 12: return "Not enough space";
            case 14: return "Bad address";
            case 22: return "Invalid argument";
            case 32: return "Broken pipe";
            case 57: return "Socket operation on non-socket";
            case 64: return "Operation not supported on socket";
            case 73: return "Connection reset by peer";
            case 74: return "No buffer space available";
            case 76: return "Socket is not connected";
            case 78: return "Connection timed out";
            default: return "unknown error";
        }
    }
}
